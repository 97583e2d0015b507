package org.qaqpa.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An e-service as its regulation describes it ({@code config/services/NAME.yaml}, docs/services.md): the async
 * service applications go to, the provider system, the registries it checks, the signatures it requires, its
 * statuses and refusal reasons, and its steps with their time limits. Sandbox systems run the service by it;
 * the gateway itself routes the service's messages as any others.
 *
 * @param service            the e-service's id ({@code FILM_CERT})
 * @param applicationService the async serviceId applications, their statuses and results travel under
 * @param provider           the senderId of the provider system (the application service's recipient)
 * @param registries         the serviceIds of the registry lookups the provider system makes
 * @param attachments        the documents of the Standard an application must carry
 * @param validUntil         how long the result is valid: {@code end-of-year} (31 December of its year) or empty
 * @param refusals           refusal code → the reason shown to the applicant
 * @param steps              the regulation's steps, in order
 */
public record ServicePassport(String service, String title, List<String> seeds, String applicationService, String provider,
                              List<String> channels, List<String> registries, List<String> attachments, String validUntil, Map<String, String> signatures,
                              List<String> statuses, Map<String, String> refusals, List<Step> steps) {

    public ServicePassport {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(applicationService, "applicationService");
        seeds = List.copyOf(seeds);
        channels = List.copyOf(channels);
        registries = List.copyOf(registries);
        attachments = List.copyOf(attachments);
        signatures = Map.copyOf(signatures);
        statuses = List.copyOf(statuses);
        refusals = Map.copyOf(refusals);
        steps = List.copyOf(steps);
    }

    /** The step with this id. */
    public Optional<Step> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    /**
     * One step of the regulation.
     *
     * @param id    ours, with the seed's process number in the name ({@code FILM-A5})
     * @param actor who performs it (portal, provider-is, officer, shep, …)
     * @param limit the regulation's "not more than"; empty where the seed gives none
     */
    public record Step(String id, String name, String actor, Optional<Duration> limit) {
    }
}
