package org.qaqpa.security.pki;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/**
 * Whether a certificate or CRL was signed with a given key. Verification goes through the Bouncy
 * Castle provider so GOST-signed certificates verify too; any failure, including a provider's
 * runtime exception on a malformed key or signature, means "not signed by this key".
 */
final class IssuerSignature {

    private IssuerSignature() {
    }

    static boolean verifies(X509Certificate certificate, PublicKey issuerKey) {
        try {
            certificate.verify(issuerKey, BouncyCastle.PROVIDER);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
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
