package org.qaqpa.sandbox.eservice;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.qaqpa.registry.ServicePassport;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.NcaSubject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The e-government portal (ЭҮП) of the sandbox: the applicant's signed application goes from here through the gateway
 * to the provider system, and the statuses and the result come back into the applicant's "history of received
 * services". Before it sends, the portal checks the applicant's certificate as the regulations' condition c2 says
 * (valid now, not revoked by the development PKI's CRL, its IIN/BIN the one the application names); a failed check
 * ends the application here, {@code SIGNATURE_REJECTED}, with nothing sent. A result's officer signature is verified
 * when it arrives.
 */
public final class Portal {

    /** The portal's member name at the gateway. */
    public static final String MEMBER = "portal";

    private final GatewayLink gateway;
    private final Map<String, ServicePassport> passports;
    private final SignatureCheck signatures;
    private final Clock clock;
    private final Map<String, Entry> bySubmission = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> history = new ConcurrentHashMap<>();

    Portal(GatewayLink gateway, Map<String, ServicePassport> passports, Path pkiDir, Clock clock) {
        this.gateway = gateway;
        this.passports = passports;
        this.signatures = new SignatureCheck(pkiDir, clock);
        this.clock = clock;
    }

    /**
     * The applicant signs the application with {@code applicantKey} and the portal sends it, or refuses it first.
     *
     * @return the history entry of the application
     */
    public Entry apply(IssuedCertificate applicantKey, Application.Form form) {
        ServicePassport passport = passports.get(form.service());
        if (passport == null) {
            throw new IllegalArgumentException("no e-service " + form.service());
        }
        Entry entry = new Entry(form.service(), form.applicantId(), clock.instant());
        history.computeIfAbsent(form.applicantId(), id -> new CopyOnWriteArrayList<>()).add(entry);
        Optional<String> refused = certificateProblem(applicantKey.certificate(), form);
        if (refused.isPresent()) {
            entry.state("SIGNATURE_REJECTED", passport.refusals().getOrDefault("SIGNATURE_REJECTED", "EDS not confirmed")
                    + ": " + refused.get(), clock.instant());
            return entry;
        }
        Document application = EServiceXml.application(form);
        new XmlSigner(applicantKey.privateKey(), applicantKey.certificate()).signEnveloped(application);
        try {
            String messageId = gateway.send(passport.applicationService(), "REQUEST", null, application.getDocumentElement());
            entry.submitted(messageId, clock.instant());
            bySubmission.put(messageId, entry);
        } catch (GatewayLink.Refused refusal) {
            entry.state("NOT_SENT", refusal.getMessage(), clock.instant());
        }
        return entry;
    }

    /** A status or the result the provider system sent back in the chain of the application {@code correlationId}. */
    void statusArrived(String correlationId, Element status) {
        Entry entry = bySubmission.get(correlationId);
        if (entry == null) {
            return;
        }
        String state = EServiceXml.text(status, "state").orElse("?");
        entry.number(EServiceXml.text(status, "applicationNumber").filter(n -> !n.isEmpty()).orElse(null));  // none if refused before registration
        Element reason = EServiceXml.child(status, "reason");
        Element document = EServiceXml.child(status, "document");
        if (document != null) {
            entry.result(document.getAttribute("number"), signatures.signerOf(EServiceXml.standalone(document)));
        }
        entry.state(state, reason == null ? null : reason.getAttribute("code") + ": " + reason.getTextContent(), clock.instant());
    }

    /** The applicant's "history of received services", oldest first. */
    public List<Entry> history(String applicantId) {
        return new ArrayList<>(history.getOrDefault(applicantId, List.of()));
    }

    /** The entry of the application the portal sent as {@code messageId}. */
    public Optional<Entry> submission(String messageId) {
        return Optional.ofNullable(bySubmission.get(messageId));
    }

    private Optional<String> certificateProblem(X509Certificate certificate, Application.Form form) {
        NcaSubject subject = NcaSubject.of(certificate.getSubjectX500Principal());
        boolean entity = form.bin().isPresent();
        Optional<String> certified = entity ? subject.bin() : subject.iin();
        Optional<String> claimed = entity ? form.bin() : form.iin();
        if (!certified.equals(claimed)) {
            return Optional.of("the certificate's " + (entity ? "BIN " : "IIN ") + certified.orElse("(none)")
                    + " is not the applicant's " + claimed.orElse("(none)"));
        }
        return signatures.problem(certificate);
    }

    /** One application in the applicant's history: its states as they came, the result and who signed it. */
    public static final class Entry {

        private final String service;
        private final String applicantId;
        private final List<State> states = new CopyOnWriteArrayList<>();
        private volatile String messageId;
        private volatile String number;
        private volatile String resultNumber;
        private volatile Optional<String> resultSigner = Optional.empty();

        Entry(String service, String applicantId, Instant created) {
            this.service = service;
            this.applicantId = applicantId;
            states.add(new State("FORMED", null, created));
        }

        public String service() {
            return service;
        }

        public String applicantId() {
            return applicantId;
        }

        public Optional<String> messageId() {
            return Optional.ofNullable(messageId);
        }

        public Optional<String> number() {
            return Optional.ofNullable(number);
        }

        public Optional<String> resultNumber() {
            return Optional.ofNullable(resultNumber);
        }

        /** The verified officer signature of the result ({@code CN, IIN}), empty when none or not valid. */
        public Optional<String> resultSigner() {
            return resultSigner;
        }

        public List<State> states() {
            return new ArrayList<>(states);
        }

        /** The latest state. */
        public State state() {
            return states.get(states.size() - 1);
        }

        void submitted(String id, Instant at) {
            this.messageId = id;
            states.add(new State("SENT", null, at));
        }

        void number(String assigned) {
            if (assigned != null) {
                this.number = assigned;
            }
        }

        void result(String documentNumber, Optional<String> signer) {
            this.resultNumber = documentNumber;
            this.resultSigner = signer;
        }

        void state(String state, String text, Instant at) {
            states.add(new State(state, text, at));
        }
    }

    /** A state of an application, as the portal shows it, with the reason of a refusal. */
    public record State(String state, String text, Instant at) {
    }
}
