package org.qaqpa.security.pki;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a certificate or CRL was signed with a given key. Verification goes through the Bouncy
 * Castle provider so GOST-signed certificates verify too; any failure, including a provider's
 * runtime exception on a malformed key or signature, means "not signed by this key".
 *
 * <p>Whether the bytes of a certificate carry a valid signature by a key never changes, and every signed
 * request checks the same few member and CA certificates again: so the certificates found signed are
 * remembered (keyed by their encoding and the issuer's key; {@value #REMEMBERED} at most, then forgotten
 * all at once). Failures are not remembered, so certificates made up by a caller cannot fill the memory.
 * Validity dates and revocation are checked on every request by the callers, not here.
 */
final class IssuerSignature {

    static final int REMEMBERED = 4096;

    private static final Map<SignedBy, Boolean> VERIFIED = new ConcurrentHashMap<>();

    private IssuerSignature() {
    }

    static boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
        SignedBy pair = new SignedBy(certificate, issuerKey);
        if (VERIFIED.containsKey(pair)) {
            return true;
        }
        try {
            certificate.verify(issuerKey, BouncyCastle.PROVIDER);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
        if (VERIFIED.size() >= REMEMBERED) {
            VERIFIED.clear();
        }
        VERIFIED.put(pair, Boolean.TRUE);
        return true;
    }

    /** A certificate and a key that signed it; certificates and keys compare by their encodings. */
    private record SignedBy(X509Certificate certificate, PublicKey issuerKey) {
    }

    static boolean verifies(X509CRL crl, PublicKey issuerKey) {
        try {
            crl.verify(issuerKey, BouncyCastle.PROVIDER);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
