package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.NcaSubject;
import org.w3c.dom.Document;

/**
 * The authorised officer forms the result e-document and signs it with the officer's certificate (enveloped
 * XMLDSig): a unique number ({@code SERVICE-NNNNNNNNNN}), the date of issue, the passport's title, the form's fields
 * and the officer's name; valid until 31 December of the year when the passport says so ({@code valid-until}).
 */
final class IssueResult extends ProviderStep {

    private final IssuedCertificate officer;
    private final AtomicLong sequence = new AtomicLong();

    IssueResult(StepClock steps, IssuedCertificate officer, Clock clock) {
        super(steps, clock);
        this.officer = officer;
    }

    @Override
    void run(Application application) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String number = application.service() + "-" + String.format("%010d", sequence.incrementAndGet());
        Map<String, String> fields = new LinkedHashMap<>();
        application.form().fields().forEach((name, value) -> {
            if (!name.startsWith("sandbox.")) {
                fields.put(name, value);
            }
        });
        fields.put("applicant", application.form().applicantId());
        fields.put("applicationNumber", application.number());
        fields.put("authorisedOfficer", NcaSubject.of(officer.certificate().getSubjectX500Principal()).commonName());
        Optional<LocalDate> validUntil = "end-of-year".equals(steps.passport(application.service()).validUntil())
                ? Optional.of(LocalDate.of(today.getYear(), 12, 31)) : Optional.empty();
        Document document = EServiceXml.document(application.service(), number, today, validUntil,
                steps.passport(application.service()).title(), fields);
        new XmlSigner(officer.privateKey(), officer.certificate()).signEnveloped(document);
        NcaSubject signer = NcaSubject.of(officer.certificate().getSubjectX500Principal());
        application.completed(number, document, signer.commonName() + signer.iin().map(iin -> ", IIN " + iin).orElse(""));
    }
}
