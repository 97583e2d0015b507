package org.qaqpa.sandbox.eservice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.security.pki.ValidatedSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * How the sandbox's front ends check EDS the way the regulations ask (a certificate valid now, of the development PKI,
 * not revoked by its current CRL, fit for signing documents) and verify a result's enveloped officer signature.
 */
public final class SignatureCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureCheck.class);

    private final Path pkiDir;
    private final Clock clock;

    public SignatureCheck(Path pkiDir, Clock clock) {
        this.pkiDir = pkiDir;
        this.clock = clock;
    }

    /** Why {@code certificate} may not sign a document now, if it may not: its refusal code and message. */
    Optional<String> problem(X509Certificate certificate) {
        try {
            validator().validate(certificate, List.of(), clock.instant(), CertificateValidator.Purpose.BUSINESS);
            return Optional.empty();
        } catch (QaqpaFault refused) {
            return Optional.of(refused.code() + " " + refused.getMessage());
        }
    }

    /**
     * The signer ({@code CN, IIN …}) of a signed result document, standalone as signed (EServiceXml.standalone), if its
     * enveloped signature verifies and its certificate is valid; empty otherwise.
     */
    public Optional<String> signerOf(Document signedResult) {
        try {
            ValidatedSigner[] signer = new ValidatedSigner[1];
            new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                    .verify(signedResult, XmlSignatureVerifier.Mode.ENVELOPED, (certificate, presented) -> signer[0] =
                            validator().validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.BUSINESS));
            return Optional.of(signer[0].subject().commonName() + signer[0].subject().iin().map(iin -> ", IIN " + iin).orElse(""));
        } catch (QaqpaFault refused) {
            LOG.warn("the result {} of {} does not carry a valid officer signature: {} {}",
                    signedResult.getDocumentElement().getAttribute("number"),
                    signedResult.getDocumentElement().getAttribute("service"), refused.code(), refused.getMessage());
            return Optional.empty();
        }
    }

    /** The development PKI's trust, with its current CRL (re-read: {@code qaqpa pki revoke} re-issues it). */
    private CertificateValidator validator() {
        Path crl = pkiDir.resolve("crl.pem");
        boolean hasCrl = Files.isRegularFile(crl);
        return new CertificateValidator(new TrustMaterial(TrustMaterial.readCertificates(pkiDir.resolve("root-cert.pem")),
                TrustMaterial.readCertificates(pkiDir.resolve("inter-cert.pem")),
                hasCrl ? List.of(TrustMaterial.readCrl(crl)) : List.of(), hasCrl ? RevocationMode.CRL : RevocationMode.OFF));
    }
}
