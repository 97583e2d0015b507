package org.qaqpa.contract;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;

/**
 * Checks an answer's WS-Security signature as {@code qaqpa send} does: the gateway's strict
 * verifier, the signer validated for transport against the development PKI of {@code --data}
 * ({@code root-cert.pem}, {@code inter-cert.pem}), without revocation checks.
 */
final class AnswerTrust {

    private final CertificateValidator validator;
    private final Clock clock;
    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(false), true,
            XmlSignatureVerifier.defaultIdAttributes(), List.of());

    /** @param pki the development PKI's directory */
    AnswerTrust(Path pki, Clock clock) {
        this.validator = new CertificateValidator(new TrustMaterial(TrustMaterial.readCertificates(pki.resolve("root-cert.pem")),
                TrustMaterial.readCertificates(pki.resolve("inter-cert.pem")), List.of(), RevocationMode.OFF));
        this.clock = clock;
    }

    /** The validated signer; refusals are {@link org.qaqpa.error.QaqpaFault}s with the gateway's codes. */
    ValidatedSigner verify(Document envelope) {
        ValidatedSigner[] signer = new ValidatedSigner[1];
        verifier.verify(envelope, XmlSignatureVerifier.Mode.WSS, (certificate, presented) ->
                signer[0] = validator.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
        return signer[0];
    }
}
