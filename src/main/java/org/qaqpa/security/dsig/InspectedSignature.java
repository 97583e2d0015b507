package org.qaqpa.security.dsig;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.qaqpa.error.QaqpaFault;

/**
 * One signature {@link SignatureInspector} found, with what the gateway's checks say about it now.
 *
 * @param mode       transport (WS-Security over the Body) or enveloped (business data)
 * @param covers     what the signature is over: {@code soap:Body} or the element the enveloped signature sits in
 * @param algorithm  the SignatureMethod URI, empty if the signature has none
 * @param problem    why the signature itself does not verify; empty when it verifies
 * @param signer     the certificate from KeyInfo, empty when the signature was refused before it was read
 * @param chain      the signer's certificate chain as the gateway's validator sees it now
 * @param references the references the signature covers, when it verified
 */
public record InspectedSignature(XmlSignatureVerifier.Mode mode, String covers, String algorithm,
                                 Optional<QaqpaFault> problem, Optional<X509Certificate> signer, Chain chain,
                                 List<String> references) {

    /** The outcome of the chain check. */
    public enum ChainStatus {
        TRUSTED, UNTRUSTED, EXPIRED, REVOKED, STATUS_UNKNOWN, KEY_USAGE, NOT_CHECKED
    }

    /**
     * @param status  the outcome
     * @param refusal the validator's refusal (its code and message), empty when trusted or not checked
     * @param note    why the chain was not checked, empty otherwise
     */
    public record Chain(ChainStatus status, Optional<QaqpaFault> refusal, Optional<String> note) {

        static Chain trusted() {
            return new Chain(ChainStatus.TRUSTED, Optional.empty(), Optional.empty());
        }

        static Chain notChecked(String why) {
            return new Chain(ChainStatus.NOT_CHECKED, Optional.empty(), Optional.of(why));
        }

        static Chain refused(QaqpaFault refusal) {
            ChainStatus status = switch (refusal.code()) {
                case CERT_EXPIRED -> ChainStatus.EXPIRED;
                case CERT_REVOKED -> ChainStatus.REVOKED;
                case CERT_STATUS_UNKNOWN -> ChainStatus.STATUS_UNKNOWN;
                case CERT_KEY_USAGE -> ChainStatus.KEY_USAGE;
                default -> ChainStatus.UNTRUSTED;
            };
            return new Chain(status, Optional.of(refusal), Optional.empty());
        }
    }

    /** Whether the signature verifies and its signer is trusted now. */
    public boolean valid() {
        return problem.isEmpty() && chain.status() == ChainStatus.TRUSTED;
    }
}
