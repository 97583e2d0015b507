package org.qaqpa.sandbox.eservice;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.qaqpa.registry.ServicePassport;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * Runs the demo scenarios against running e-services and prints a timeline per application: each regulation step
 * with its duration against its limit, the statuses the applicant saw, the result and whether the officer's
 * signature on it verified; then each service's breaches of the limits and the answers to the satisfaction survey
 * (the demo's applicants answer satisfied with a service they got, partially satisfied with a refusal; information:
 * satisfied). Matched means: the final state and refusal the scenario expects, every step within its limit, and for
 * a result, a verified officer signature.
 */
public final class EServiceDemo {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EServiceSandbox eservices;
    private final List<EServiceSandbox> providers;
    private final Path pkiDir;
    private final PrintStream out;
    private final Clock clock;
    private final SignatureCheck signatures;

    public EServiceDemo(EServiceSandbox eservices, Path pkiDir, PrintStream out, Clock clock) {
        this(eservices, List.of(eservices), pkiDir, out, clock);
    }

    /**
     * @param eservices the e-services whose front ends (portal, PSC) make the applications
     * @param providers every node's e-services, where the provider systems keep the applications' timelines (a
     *                  regional node's provider, such as FOREIGN_MEDIA_REG's isb, runs in the regional node's sandbox),
     *                  the regional node's last
     */
    public EServiceDemo(EServiceSandbox eservices, List<EServiceSandbox> providers, Path pkiDir, PrintStream out, Clock clock) {
        this.eservices = eservices;
        this.providers = List.copyOf(providers);
        this.pkiDir = pkiDir;
        this.out = out;
        this.clock = clock;
        this.signatures = new SignatureCheck(pkiDir, clock);
    }

    /** Runs each scenario in turn; true when every one matched. */
    public boolean run(List<DemoScenario> scenarios) throws InterruptedException {
        int matched = 0;
        for (DemoScenario scenario : scenarios) {
            if (run(scenario)) {
                matched++;
            }
        }
        out.println();
        for (String service : scenarios.stream().map(s -> s.form().service()).distinct().toList()) {
            long breaches = providers.stream().mapToLong(provider -> provider.metrics().breaches(service)).sum();
            out.println(service + ": steps over the regulation's limit " + breaches + "; satisfaction survey: "
                    + eservices.survey().report(service));
        }
        out.println(matched + " of " + scenarios.size() + " applications went as the regulations say"
                + (matched == scenarios.size() ? "." : ": see the lines marked MISMATCH above."));
        return matched == scenarios.size();
    }

    private boolean run(DemoScenario scenario) throws InterruptedException {
        ServicePassport passport = eservices.passports().get(scenario.form().service());
        out.println();
        out.println(scenario.form().service() + "  " + passport.title() + "  via " + scenario.form().channel().toLowerCase()
                + "  applicant " + (scenario.form().bin().isPresent() ? "BIN " : "IIN ") + scenario.form().applicantId()
                + "  — " + scenario.title());
        IssuedCertificate key = IssuedCertificate.readPkcs12(pkiDir.resolve(scenario.applicantKey() + ".p12"), DevPki.password());
        String state;
        Optional<String> reason;
        Optional<String> signer;
        Optional<String> resultNumber;
        Optional<String> number;
        List<Application.StepTiming> timeline;
        if (scenario.office()) {
            // the regional node's e-services come last in the providers (DemoFederation)
            EServiceSandbox office = scenario.regional() ? providers.get(providers.size() - 1) : eservices;
            Application application = office.office(scenario.form());
            state = application.state();
            reason = application.refusal().map(Application.Refusal::code);
            resultNumber = application.resultNumber();
            number = Optional.ofNullable(application.number());
            signer = application.result().flatMap(signatures::signerOf);
            timeline = application.timeline();
        } else {
            Portal frontEnd = "PSC".equals(scenario.form().channel()) ? eservices.psc() : eservices.portal();
            Portal.Entry entry = frontEnd.apply(key, scenario.form());
            Instant deadline = clock.instant().plus(PATIENCE);
            while (!isFinal(entry.state().state()) && clock.instant().isBefore(deadline)) {
                Thread.sleep(50);
            }
            state = entry.state().state();
            reason = Optional.ofNullable(entry.state().text()).filter(text -> "REJECTED".equals(entry.state().state()))
                    .map(text -> text.split(":", 2)[0]);
            resultNumber = entry.resultNumber();
            number = entry.number();
            signer = entry.resultSigner();
            Optional<Application> atProvider = entry.messageId()
                    .flatMap(id -> providers.stream().flatMap(p -> p.application(id).stream()).findFirst());
            if (atProvider.isPresent()) {
                atProvider.get().awaitDone(PATIENCE);
            }
            timeline = atProvider.map(Application::timeline).orElse(List.of());
            out.println("  statuses in the " + scenario.form().channel().toLowerCase() + " history: " + entry.states().stream()
                    .map(Portal.State::state).collect(Collectors.joining(" -> "))
                    + entry.sessionId().map(id -> "   (sessionId " + id + ")").orElse(""));
        }
        boolean withinLimits = true;
        for (Application.StepTiming step : timeline) {
            withinLimits &= !step.breached();
            out.printf("  %-9s %-88s %7d ms  %-16s %s%n", step.stepId(), cut(step.name(), 88), step.millis(),
                    step.limitMillis() > 0 ? "(limit " + limit(step.limitMillis()) + ")" : "(no limit)",
                    step.breached() ? "OVER THE LIMIT" : "ok");
        }
        boolean stateMatches = state.equals(scenario.expectedState()) && reason.equals(scenario.expectedReason());
        boolean resultMatches = !"COMPLETED".equals(state) || resultNumber.isPresent() && signer.isPresent();
        out.println("  result: " + state + reason.map(r -> " (" + r + ")").orElse("")
                + resultNumber.map(n -> ", document " + n + signer.map(s -> " signed by " + s + ", signature verified")
                        .orElse(" WITHOUT a valid officer signature")).orElse(""));
        boolean matched = stateMatches && resultMatches && withinLimits;
        number.ifPresent(n -> eservices.survey().answer(scenario.form().service(), n, "COMPLETED".equals(state)
                ? new QualitySurvey.Response(QualitySurvey.Answer.SATISFIED, QualitySurvey.Answer.SATISFIED)
                : new QualitySurvey.Response(QualitySurvey.Answer.PARTIALLY_SATISFIED, QualitySurvey.Answer.SATISFIED)));
        out.println("  expected: " + scenario.expectedState() + scenario.expectedReason().map(r -> " (" + r + ")").orElse("")
                + (matched ? "  — matched" : "  — MISMATCH"));
        return matched;
    }

    private static boolean isFinal(String state) {
        return List.of("COMPLETED", "REJECTED", "SIGNATURE_REJECTED", "NOT_SENT").contains(state);
    }

    private static String limit(long millis) {
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + " d";
        }
        return millis % 60_000 == 0 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
