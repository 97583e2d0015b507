package org.qaqpa.security.wss;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Predicate;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DistinguishedNames;
import org.qaqpa.security.pki.ValidatedSigner;
import org.w3c.dom.Document;

/**
 * The gateway's side of a provider call: its current key signs the request it sends (as it signs its
 * answers), and a provider's answer must carry a transport signature that the same verifier and
 * certificate checks accept as for members, made by the certificate the service registry names.
 */
public record ProviderSecurity(GatewayKeyRing keys, XmlSignatureVerifier verifier, CertificateValidator certificates,
                               Clock clock) {

    /** Signs {@code envelope} in place (WS-Security, the reference form of shep-contract.md §2.1). */
    public void sign(Document envelope) {
        keys.signer().signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
    }

    /**
     * @param expected which certificates may sign for this provider
     * @return the provider's validated certificate
     * @throws QaqpaFault {@code PROVIDER_SIGNATURE_INVALID} for any failure, with the reason in the message
     */
    public ValidatedSigner verifyAnswer(Document answer, Predicate<X509Certificate> expected, String expectedDescription) {
        ValidatedSigner[] signer = new ValidatedSigner[1];
        try {
            verifier.verify(answer, XmlSignatureVerifier.Mode.WSS, (certificate, presented) -> {
                if (!expected.test(certificate)) {
                    throw new QaqpaFault(ErrorCode.SENDER_CERT_MISMATCH, "it is signed by "
                            + DistinguishedNames.shown(certificate) + ", not by " + expectedDescription);
                }
                signer[0] = certificates.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT);
            });
        } catch (QaqpaFault refused) {
            throw new QaqpaFault(ErrorCode.PROVIDER_SIGNATURE_INVALID, "The provider's answer was refused ("
                    + refused.code() + "): " + refused.getMessage());
        }
        return signer[0];
    }
}
