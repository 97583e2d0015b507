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
 * A front end of the sandbox: the e-government portal (ЭҮП, member {@value #MEMBER}) or the Public Service Centre's
 * information system (ХҚКО АЖ, member {@value #PSC_MEMBER}). The signed application goes from here through the gateway
 * to the provider system, and the statuses and the result come back into the applicant's "history of received
 * services". Before it sends, the front end checks the signer's certificate as the regulations' condition c2 says
 * (valid now, not revoked by the development PKI's CRL, authentic, and its IIN/BIN the one the application names:
 * the applicant's on the portal, the operator's at the PSC, {@link Signer}); a failed check ends the application here,
 * {@code SIGNATURE_REJECTED}, with nothing sent. A result's officer signature is verified when it arrives.
 */
public final class Portal {

    /** The portal's member name at the gateway. */
    public static final String MEMBER = "portal";
    /** The PSC information system's member name at the gateway. */
    public static final String PSC_MEMBER = "psc";
    /** The form field in which the PSC IS names the operator who entered and signed the application. */
    public static final String OPERATOR_IIN = "operatorIin";

    /** Who signs the applications a front end sends, and so whose identity the certificate must carry. */
    public enum Signer {
        /** The applicant (the portal): the certificate's BIN is the applicant's BIN, or its IIN the applicant's IIN. */
        APPLICANT,
        /**
         * The front end's operator (the PSC, FOREIGN_MEDIA_REG C5–C6): the certificate's IIN is the one the application
         * names in the field {@value Portal#OPERATOR_IIN}.
         */
        OPERATOR
    }

    private final GatewayLink gateway;
    private final Map<String, ServicePassport> passports;
    private final SignatureCheck signatures;
    private final Clock clock;
    private final Signer signedBy;
    private final Map<String, Entry> bySubmission = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> history = new ConcurrentHashMap<>();

    Portal(GatewayLink gateway, Map<String, ServicePassport> passports, Path pkiDir, Clock clock, Signer signer) {
        this.gateway = gateway;
        this.signedBy = signer;
        this.passports = passports;
        this.signatures = new SignatureCheck(pkiDir, clock);
        this.clock = clock;
    }

    /**
     * The applicant (on the portal) or the operator (at the PSC) signs the application with {@code applicantKey} and
     * the front end sends it, or refuses it first.
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
            GatewayLink.Accepted accepted = gateway.send(passport.applicationService(), "REQUEST", null,
                    application.getDocumentElement());
            entry.submitted(accepted, clock.instant());
            bySubmission.put(accepted.messageId(), entry);
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
        entry.reported(state, reason == null ? null : reason.getAttribute("code") + ": " + reason.getTextContent(),
                EServiceXml.text(status, "date").map(Instant::parse).orElse(clock.instant()));
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
        boolean operator = signedBy == Signer.OPERATOR;
        boolean entity = !operator && form.bin().isPresent();
        Optional<String> certified = entity ? subject.bin() : subject.iin();
        Optional<String> claimed = operator ? Optional.ofNullable(form.fields().get(OPERATOR_IIN)) : entity ? form.bin() : form.iin();
        if (!certified.equals(claimed)) {
            return Optional.of("the certificate's " + (entity ? "BIN " : "IIN ") + certified.orElse("(none)")
                    + " is not the " + (operator ? "operator's " : "applicant's ") + claimed.orElse("(none)"));
        }
        return signatures.problem(certificate);
    }

    /** One application in the applicant's history: its states as they came, the result and who signed it. */
    public static final class Entry {

        /** The states the front end gives an application itself, before the provider reports any. */
        private static final List<String> PORTAL_STATES = List.of("FORMED", "SENT");

        private final String service;
        private final String applicantId;
        private final List<State> states = new CopyOnWriteArrayList<>();
        private volatile String messageId;
        private volatile String sessionId;
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

        /** The sessionId the gateway gave the application's exchange: every node it crosses logs it under this id. */
        public Optional<String> sessionId() {
            return Optional.ofNullable(sessionId);
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

        void submitted(GatewayLink.Accepted accepted, Instant at) {
            this.messageId = accepted.messageId();
            this.sessionId = accepted.sessionId();
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

        /**
         * A state the provider system reported as of {@code at}: placed among the reported ones by that time, since
         * the statuses travel as separate async messages, which may overtake each other on the way.
         */
        synchronized void reported(String state, String text, Instant at) {
            int position = states.size();
            while (position > 0 && !PORTAL_STATES.contains(states.get(position - 1).state())
                    && states.get(position - 1).at().isAfter(at)) {
                position--;
            }
            states.add(position, new State(state, text, at));
        }
    }

    /** A state of an application, as the portal shows it, with the reason of a refusal. */
    public record State(String state, String text, Instant at) {
    }
}
