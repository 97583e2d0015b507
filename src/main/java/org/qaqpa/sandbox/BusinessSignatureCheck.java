package org.qaqpa.sandbox;

import java.time.Clock;
import java.util.Optional;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies the enveloped business signature inside {@code data} (shep-contract.md §2.2) in both
 * payload forms of §1.4 — a typed element, or an escaped XML string with {@code xsi:type="xs:string"} —
 * and says in one line what it found, for the answer's {@code status/message}. The payload is taken
 * out as a document of its own ({@link DataPayload}), as it was when signed ({@code URI=""} means the whole of it).
 */
final class BusinessSignatureCheck {

    /** StatusInfo/message is at most 250 characters. */
    private static final int MAX_MESSAGE = 250;
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private final XmlSignatureVerifier verifier;
    private final CertificateValidator validator;
    private final Clock clock;
    private final DataPayload payloads = new DataPayload();

    BusinessSignatureCheck(XmlSignatureVerifier verifier, CertificateValidator validator, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.clock = clock;
    }

    /** {@code business signature valid: IIN…}, {@code business signature invalid: CODE: …} or {@code no business signature}. */
    String describe(Optional<Element> data) {
        Optional<Document> payload = data.flatMap(payloads::read);
        if (payload.isEmpty() || payload.get().getElementsByTagNameNS(DS, "Signature").getLength() == 0) {
            return "no business signature";
        }
        try {
            ValidatedSigner[] signer = new ValidatedSigner[1];
            verifier.verify(payload.get(), XmlSignatureVerifier.Mode.ENVELOPED, (certificate, presented) ->
                    signer[0] = validator.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.BUSINESS));
            return "business signature valid: " + who(signer[0].subject());
        } catch (QaqpaFault f) {
            return cut("business signature invalid: " + f.code() + ": " + f.getMessage());
        }
    }

    private static String who(NcaSubject subject) {
        return subject.iin().map(iin -> "IIN" + iin)
                .or(() -> subject.bin().map(bin -> "BIN" + bin))
                .orElse(subject.commonName());
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
