package org.qaqpa.sandbox.eservice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.qaqpa.ops.admin.ApplicationSource;
import org.qaqpa.ops.admin.ApplicationView;

/**
 * The sandbox's e-service applications as the gateway's admin API sees them ({@code GET /admin/applications}, the
 * dashboard's regulation breaches): read from the e-services once they run, none before.
 */
public final class SandboxApplications implements ApplicationSource {

    private final Supplier<Optional<EServiceSandbox>> eservices;

    /** @param eservices the sandbox's e-services, empty until they are started (after the gateway) */
    public SandboxApplications(Supplier<Optional<EServiceSandbox>> eservices) {
        this.eservices = eservices;
    }

    @Override
    public List<ApplicationView> applications() {
        return eservices.get().map(sandbox -> sandbox.applications().stream().map(SandboxApplications::view).toList())
                .orElse(List.of());
    }

    @Override
    public Map<String, Long> regulationBreaches() {
        Map<String, Long> breaches = new LinkedHashMap<>();
        eservices.get().ifPresent(sandbox -> sandbox.passports().keySet()
                .forEach(service -> breaches.put(service, sandbox.metrics().breaches(service))));
        return breaches;
    }

    static ApplicationView view(Application a) {
        List<ApplicationView.Step> timeline = a.timeline().stream().map(step -> new ApplicationView.Step(step.stepId(),
                step.name(), step.started(), step.millis(), step.limitMillis(), step.breached())).toList();
        return new ApplicationView(a.service(), a.form().channel(), Optional.ofNullable(a.number()), a.state(),
                a.refusal().map(Application.Refusal::code), a.refusal().map(Application.Refusal::text), a.resultNumber(),
                a.resultSigner(), a.chainId(), a.sessionId(), a.form().applicantId(), a.frontEnd(), a.submittedAt(), timeline);
    }
}
