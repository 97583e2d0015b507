package org.qaqpa.sandbox.eservice;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;
import org.qaqpa.registry.ServicePassport;
import org.qaqpa.registry.ServicePassports;
import org.qaqpa.routing.CamelRuntime;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.w3c.dom.Element;

/**
 * The e-services of the sandbox (docs/services.md): the front ends (the portal, the PSC) and the provider systems of the passports in
 * {@code config/services/}, each provider system running its service's routes ({@code routes/services/*.yaml}) in a
 * Camel context of its own. Started once the gateway runs, which the systems talk to as members (development
 * password), signing with the development PKI's sandbox key; results are signed with its officer's key.
 */
public final class EServiceSandbox implements AutoCloseable {

    /** The development password of the sandbox systems' members (config/members.yaml). */
    static final String MEMBER_PASSWORD = "changeit";
    /** The BIN of the sandbox key the systems sign with: the requestor BIN of their ГБД ЮЛ requests. */
    static final String SANDBOX_BIN = "990340000025";

    private final Map<String, ServicePassport> passports = new LinkedHashMap<>();
    private final Map<String, ServicePassport> byApplicationService = new LinkedHashMap<>();
    private final Set<String> arrived = ConcurrentHashMap.newKeySet();
    private final Map<String, Application> applications = new ConcurrentHashMap<>();
    /** Every application, from the gateway and entered at an office, for the admin API's list. */
    private final List<Application> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CamelRuntime camel;
    private final ProducerTemplate producer;
    private final Portal portal;
    private final Portal psc;
    private final StepMetrics metrics = new StepMetrics();
    private final QualitySurvey survey = new QualitySurvey();
    private final Clock clock;

    private EServiceSandbox(List<ServicePassport> loaded, List<String> routeFiles, Path pkiDir, Path routesDir, URI gateway,
                            Clock clock) throws Exception {
        this.clock = clock;
        for (ServicePassport passport : loaded) {
            passports.put(passport.service(), passport);
            byApplicationService.put(passport.applicationService(), passport);
        }
        IssuedCertificate sandboxKey = IssuedCertificate.readPkcs12(pkiDir.resolve("echo.p12"), DevPki.password());
        IssuedCertificate officer = IssuedCertificate.readPkcs12(pkiDir.resolve("officer.p12"), DevPki.password());
        StepClock steps = new StepClock(passports, metrics);
        this.portal = new Portal(new GatewayLink(Portal.MEMBER, MEMBER_PASSWORD, sandboxKey, () -> gateway, pkiDir, clock),
                passports, pkiDir, clock, Portal.Signer.APPLICANT);
        this.psc = new Portal(new GatewayLink(Portal.PSC_MEMBER, MEMBER_PASSWORD, sandboxKey, () -> gateway, pkiDir, clock),
                passports, pkiDir, clock, Portal.Signer.OPERATOR);
        Map<String, Object> beans = new LinkedHashMap<>();
        // one provider system per passport; its routes name the beans of their system (culture-is.register, …)
        for (ServicePassport passport : loaded) {
            String system = passport.provider();
            if (beans.containsKey(system + ".register")) {
                continue;
            }
            GatewayLink link = new GatewayLink(system, MEMBER_PASSWORD, sandboxKey, () -> gateway, pkiDir, clock);
            StatusSender statuses = new StatusSender(link, steps, clock);
            beans.put(system + ".gatewayHop", new GatewayHop(steps, clock));
            beans.put(system + ".register", new RegisterApplication(steps, statuses, clock));
            beans.put(system + ".accept", new AcceptApplication(steps, statuses, clock));
            beans.put(system + ".checkRegistries", new CheckRegistries(steps, link, SANDBOX_BIN, clock));
            beans.put(system + ".officerDecision", new OfficerDecision(steps, clock));
            beans.put(system + ".issueResult", new IssueResult(steps, officer, clock));
            beans.put(system + ".answer", new AnswerApplicant(steps, statuses, clock));
        }
        if (routeFiles.isEmpty()) {
            this.camel = null;
            this.producer = null;
            return;
        }
        this.camel = CamelRuntime.of("qaqpa-sandbox", routesDir, "routes/services", routeFiles, beans);
        camel.start();
        this.producer = camel.context().createProducerTemplate();
    }

    /**
     * Reads the passports of {@code passportsDir} and starts the provider systems' routes.
     *
     * @param pkiDir  the gateway's development PKI (it must exist: start after the gateway)
     * @param gateway the gateway's base address
     */
    public static EServiceSandbox start(Path passportsDir, Path routesDir, Path pkiDir, URI gateway, Clock clock) throws Exception {
        // each passport NAME.yaml has its route NAME.yaml: a configuration without passports runs no routes
        List<String> routeFiles = ServicePassports.files(passportsDir).stream().map(file -> file.getFileName().toString()).toList();
        return new EServiceSandbox(ServicePassports.readDir(passportsDir), routeFiles, pkiDir, routesDir, gateway, clock);
    }

    public Portal portal() {
        return portal;
    }

    /** The Public Service Centre's information system (ХҚКО АЖ), a front end whose operator signs the applications. */
    public Portal psc() {
        return psc;
    }

    /** The step timings as metrics ({@code /sandbox/metrics}). */
    public StepMetrics metrics() {
        return metrics;
    }

    /** The applicants' answers to the satisfaction survey. */
    public QualitySurvey survey() {
        return survey;
    }

    public Map<String, ServicePassport> passports() {
        return Map.copyOf(passports);
    }

    /**
     * An application the gateway delivered to a provider system (PUSH): taken once per messageId and handed to the
     * route {@code direct:service.SERVICE.CHANNEL}, on the producer's own thread pool.
     *
     * @return false when the serviceId is no e-service's application service
     */
    public boolean applicationArrived(String senderId, String messageId, String sessionId, String serviceId, Instant messageDate,
                                      Element application) {
        ServicePassport passport = byApplicationService.get(serviceId);
        if (passport == null) {
            return false;
        }
        if (arrived.add(messageId)) {
            Application.Form form = EServiceXml.form(application);
            Application arrivedApplication = new Application(passport.service(), form, senderId, Optional.of(messageId),
                    messageDate == null ? clock.instant() : messageDate);
            if (sessionId != null) {
                arrivedApplication.sessionId(sessionId.strip());
            }
            applications.put(messageId, arrivedApplication);
            all.add(arrivedApplication);
            producer.asyncSendBody(route(passport, form.channel()), arrivedApplication)
                    .whenComplete((result, failure) -> arrivedApplication.done());
        }
        return true;
    }

    /** A status or result for the front end {@code member} ({@code portal}, {@code psc}), in the chain {@code correlationId}. */
    public void statusArrived(String member, String correlationId, Element status) {
        (Portal.PSC_MEMBER.equals(member) ? psc : portal).statusArrived(correlationId, status);
    }

    /**
     * An application entered at the provider's office by its officer: it runs the service's {@code office} route.
     *
     * @return the application, whose state and timeline the route fills in
     */
    public Application office(Application.Form form) {
        ServicePassport passport = passports.get(form.service());
        if (passport == null) {
            throw new IllegalArgumentException("no e-service " + form.service());
        }
        Application application = new Application(passport.service(), form, passport.provider(), Optional.empty(), clock.instant());
        all.add(application);
        try {
            producer.sendBody(route(passport, "OFFICE"), application);
        } finally {
            application.done();
        }
        return application;
    }

    /** The provider system's record of the application the portal sent as {@code messageId}. */
    public Optional<Application> application(String messageId) {
        return Optional.ofNullable(applications.get(messageId));
    }

    /** Every application the provider systems have taken, in the order they came. */
    public List<Application> applications() {
        return List.copyOf(all);
    }

    private static String route(ServicePassport passport, String channel) {
        return "direct:service." + passport.service() + "." + channel.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() throws Exception {
        if (camel != null) {
            producer.close();
            camel.close();
        }
    }
}
