package org.qaqpa.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.config.YamlDocument;

/**
 * Reads {@code services.yaml} as strictly as {@code qaqpa.yaml} is read, refusing with one
 * {@code FILE:LINE: problem}.
 *
 * <pre>
 * services:
 *   TEST_SERVICE_ID:                # the serviceId
 *     url: /sandbox/echo            # or https://provider.example.kz/shep
 *     bin: "990340000025"           # and/or iin, and/or certificates: [PEM files]
 *     timeout: 10s
 *     business-signature: false
 *     mode: sync                    # or async
 *     delivery: push                # async only: push (the default) or pull
 *     recipient: ministry-system    # async only: the member that is the recipient system (required for pull)
 *     sla: 1m                       # optional: the provider's answer (sync) or the delivery (async push) within it
 *     retry:                        # optional, async services only: their own redelivery settings
 *       max-delivery-attempts: 3
 *       redelivery-delay: 1m
 *     node: false                   # true: the provider is a regional gateway node (docs/regional.md)
 *     disabled: false               # true: checked like the others, but not registered (the admin API's disable)
 *     routes:                       # optional: another provider per routeId
 *       ALMATY:
 *         url: https://almaty.example.kz/shep
 *         certificates: [/etc/qaqpa/providers/almaty.pem]
 *         node: true
 * </pre>
 */
public final class ServicesFile {

    /** How long the gateway waits for a provider when {@code timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final List<String> SECTIONS = List.of("services");
    static final List<String> SERVICE_KEYS = List.of(
            "url", "certificates", "iin", "bin", "timeout", "business-signature", "mode", "delivery", "recipient", "routes",
            "retry", "node", "disabled", "sla");
    private static final List<String> RETRY_KEYS = List.of(
            "max-delivery-attempts", "redelivery-delay", "redelivery-multiplier", "max-redelivery-delay");
    private static final List<String> ROUTE_KEYS = List.of("url", "certificates", "iin", "bin", "timeout", "node");
    private static final List<String> MODES = List.of("sync", "async");
    private static final List<String> DELIVERIES = List.of("push", "pull");
    static final String URL_EXPECTED = "an absolute http or https URL, or a path on the gateway starting with /";

    private ServicesFile() {
    }

    /**
     * Reads every service of {@code file}; {@code dataDir} resolves {@code ${data}/} in certificate paths.
     *
     * @throws ConfigException at the first problem
     */
    public static List<Service> read(Path file, Path dataDir) {
        String label = file.toString();
        ConfigSection root = ConfigSection.root(label, YamlDocument.read(file, label), SECTIONS);
        BindingReader bindings = new BindingReader(dataDir);
        List<Service> services = new ArrayList<>();
        for (Map.Entry<String, ConfigSection> entry
                : root.sections("services", "serviceId", RegistryIds::isValid, RegistryIds.RULE, SERVICE_KEYS).entrySet()) {
            Service service = service(entry.getKey(), entry.getValue(), bindings);
            if (!entry.getValue().bool("disabled", false)) {
                services.add(service);
            }
        }
        return services;
    }

    private static Service service(String serviceId, ConfigSection s, BindingReader bindings) {
        ServiceMode mode = ServiceMode.valueOf(s.string("mode", "sync", MODES::contains, "one of " + String.join(", ", MODES))
                .toUpperCase(Locale.ROOT));
        AsyncDelivery delivery = AsyncDelivery.valueOf(s.string("delivery", "push", DELIVERIES::contains,
                "one of " + String.join(", ", DELIVERIES)).toUpperCase(Locale.ROOT));
        Optional<String> recipient = s.optionalString("recipient", RegistryIds::isValid, "a senderId of members.yaml");
        if (mode == ServiceMode.SYNC) {
            for (String asyncOnly : List.of("delivery", "recipient")) {
                if (s.has(asyncOnly)) {
                    throw s.invalid(asyncOnly, "is for async services only (mode: async)");
                }
            }
        }
        if (delivery == AsyncDelivery.PULL) {
            refuseNode(s);
            if (s.has("sla")) {
                // the recipient decides when it fetches: no time of the gateway's to measure
                throw s.invalid("sla", "is for services whose provider is called (sync, or async with delivery: push)");
            }
            return pullService(serviceId, s, bindings, mode, recipient);
        }
        Provider provider = provider(s, bindings, DEFAULT_TIMEOUT);
        Map<String, Provider> routes = new LinkedHashMap<>();
        s.sections("routes", "routeId", RegistryIds::isValid, RegistryIds.RULE, ROUTE_KEYS).forEach((routeId, route) ->
                routes.put(routeId, provider(route, bindings, provider.timeout())));
        return new Service(serviceId, provider, routes, s.bool("business-signature", false), mode, delivery, recipient, retry(serviceId, s, mode),
                s.has("sla") ? Optional.of(s.duration("sla", false, Duration.ofMinutes(1))) : Optional.empty());
    }

    /** A PULL service's recipient is a member that fetches its messages: no gateway node is called for it. */
    private static void refuseNode(ConfigSection entry) {
        if (entry.has("node")) {
            throw entry.invalid("node", "is for services whose provider is called (sync, or async with delivery: push)");
        }
    }

    /**
     * A PULL service: its recipient member fetches the messages, so it needs no {@code url} (one given is
     * kept, with its certificate binding, but not called) and has no {@code routes} (one recipient).
     */
    private static Service pullService(String serviceId, ConfigSection s, BindingReader bindings, ServiceMode mode,
                                       Optional<String> recipient) {
        if (recipient.isEmpty()) {
            throw s.problem("needs 'recipient' with 'delivery: pull': the member that fetches its messages");
        }
        if (s.has("routes")) {
            throw s.invalid("routes", "is for PUSH services; a PULL service has its one recipient member");
        }
        Provider provider = s.has("url") ? provider(s, bindings, DEFAULT_TIMEOUT) : null;
        return new Service(serviceId, provider, Map.of(), s.bool("business-signature", false), mode,
                AsyncDelivery.PULL, recipient, retry(serviceId, s, mode));
    }

    /** The {@code retry:} block: only for async services, whose deliveries the broker retries. */
    private static Optional<ServiceRetry> retry(String serviceId, ConfigSection service, ServiceMode mode) {
        if (!service.has("retry")) {
            return Optional.empty();
        }
        if (mode != ServiceMode.ASYNC) {
            throw service.invalid("retry", "is only for 'mode: async' services (a sync call is never retried)");
        }
        if (serviceId.contains("::")) {
            // its own queue is named after it, and Artemis reads "address::queue" in a queue name
            throw service.invalid("retry", "needs a serviceId without '::' (its queue is named after it)");
        }
        ConfigSection r = service.section("retry", RETRY_KEYS);
        ServiceRetry retry = new ServiceRetry(
                r.has("max-delivery-attempts") ? Optional.of(r.integer("max-delivery-attempts", 1, 1000, 0)) : Optional.empty(),
                r.has("redelivery-delay") ? Optional.of(r.duration("redelivery-delay", true, Duration.ZERO)) : Optional.empty(),
                r.has("redelivery-multiplier") ? Optional.of(r.integer("redelivery-multiplier", 1, 10, 0)) : Optional.empty(),
                r.has("max-redelivery-delay") ? Optional.of(r.duration("max-redelivery-delay", true, Duration.ZERO)) : Optional.empty());
        if (retry.redeliveryDelay().isPresent() && retry.maxRedeliveryDelay().isPresent()
                && retry.maxRedeliveryDelay().get().compareTo(retry.redeliveryDelay().get()) < 0) {
            throw r.invalid("max-redelivery-delay", "must not be shorter than its 'redelivery-delay' ("
                    + ConfigSection.formatDuration(retry.redeliveryDelay().get()) + ")");
        }
        return Optional.of(retry);
    }

    private static Provider provider(ConfigSection s, BindingReader bindings, Duration defaultTimeout) {
        return new Provider(
                new ProviderUrl(s.requiredString("url", ServicesFile::isProviderUrl, URL_EXPECTED)),
                bindings.read(s),
                s.duration("timeout", false, defaultTimeout),
                s.bool("node", false));
    }

    static boolean isProviderUrl(String value) {
        if (value.startsWith("/")) {
            return !value.startsWith("//") && isUri(value);
        }
        return ConfigLoader.isHttpUrl(value);
    }

    private static boolean isUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
