package org.qaqpa.security.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Revocation by the CRLs of the trust material. A CRL counts for a certificate only if it names
 * the certificate's issuer, verifies with the issuer's key, covers the time
 * ({@code thisUpdate ≤ at ≤ nextUpdate}) and has no critical extension: delta CRLs and partitioned
 * CRLs (issuing distribution point) would say nothing about certificates outside their scope, so
 * reading one as a full CRL could pass a revoked certificate. Any other CRL is ignored, as if absent.
 */
final class CrlChecker {

    /** cRLSign in the KeyUsage bit string. */
    private static final int CRL_SIGN = 6;

    private final List<X509CRL> crls;

    CrlChecker(List<X509CRL> crls) {
        this.crls = crls;
    }

    /**
     * The signer needs a usable CRL (hard fail). Intermediate CAs are checked when their issuer's
     * CRL is configured, and pass without one: NCA root CRLs are published apart and rarely
     * configured, and requiring them would refuse every message of an otherwise correct setup.
     */
    void check(List<X509Certificate> path, Instant at) {
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            List<X509CRL> usable = crls.stream().filter(crl -> usable(crl, issuer, at)).toList();
            if (usable.isEmpty() && i == 0) {
                throw new QaqpaFault(ErrorCode.CERT_STATUS_UNKNOWN, "No current CRL of the issuer "
                        + DistinguishedNames.shown(issuer) + " covers " + at + ".");
            }
            for (X509CRL crl : usable) {
                X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
                if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                    throw new QaqpaFault(ErrorCode.CERT_REVOKED, "The certificate " + DistinguishedNames.shown(certificate)
                            + " was revoked on " + entry.getRevocationDate().toInstant() + ".");
                }
            }
        }
    }

    private static boolean usable(X509CRL crl, X509Certificate issuer, Instant at) {
        Set<String> critical = crl.getCriticalExtensionOIDs();
        boolean[] keyUsage = issuer.getKeyUsage();
        return crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                && (critical == null || critical.isEmpty())
                && !crl.getThisUpdate().toInstant().isAfter(at)
                && crl.getNextUpdate() != null && !crl.getNextUpdate().toInstant().isBefore(at)
                && (keyUsage == null || keyUsage.length > CRL_SIGN && keyUsage[CRL_SIGN])
                && IssuerSignature.verifies(crl, issuer.getPublicKey());
    }
}
