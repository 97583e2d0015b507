package org.qaqpa.security.pki;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Revocation by CRLs. A CRL counts for a certificate only if it names the certificate's issuer,
 * verifies with the issuer's key, covers the time ({@code thisUpdate ≤ at ≤ nextUpdate}) and has no
 * critical extension other than the delta-CRL indicator. A partitioned CRL (critical issuing
 * distribution point) would say nothing about certificates outside its scope, so reading one as a
 * full CRL could pass a revoked certificate; it is ignored, as if absent.
 *
 * <p>A delta CRL (RFC 5280 §5.2.4, as the NCA publishes beside each full CRL) counts only together
 * with a full CRL whose number is at least the delta's base CRL number; its entries add
 * revocations, and an entry with reason {@code removeFromCRL} lifts a hold of the full CRL.
 */
final class CrlChecker {

    /** cRLSign in the KeyUsage bit string. */
    private static final int CRL_SIGN = 6;

    private final CrlSource source;

    CrlChecker(CrlSource source) {
        this.source = source;
    }

    /**
     * The signer needs a usable full CRL (hard fail). Intermediate CAs are checked when their
     * issuer's CRL is available, and pass without one: NCA root CRLs are published apart and rarely
     * configured, and requiring them would refuse every message of an otherwise correct setup.
     */
    void check(List<X509Certificate> path, Instant at) {
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!statusKnown(path.get(i), path.get(i + 1), at) && i == 0) {
                throw new QaqpaFault(ErrorCode.CERT_STATUS_UNKNOWN, "No current CRL of the issuer "
                        + DistinguishedNames.shown(path.get(i + 1)) + " covers " + at + ".");
            }
        }
    }

    /**
     * @return true if a usable full CRL shows the certificate not revoked at {@code at}; false if no usable full
     *         CRL exists (a {@code CERT_STATUS_UNKNOWN} for the signer; for an intermediate whose issuer publishes
     *         none, the answer of every request, so nothing is built for it here)
     * @throws QaqpaFault {@code CERT_REVOKED}
     */
    boolean statusKnown(X509Certificate certificate, X509Certificate issuer, Instant at) {
        List<X509CRL> candidates = source.crlsFor(certificate).stream()
                .filter(crl -> issuedBy(crl, issuer, at)).toList();
        List<X509CRL> full = candidates.stream().filter(crl -> criticalExtensions(crl).isEmpty()).toList();
        if (full.isEmpty()) {
            return false;
        }
        BigInteger newestFull = full.stream().map(CrlChecker::number).max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        List<X509CRL> deltas = candidates.stream()
                .filter(crl -> criticalExtensions(crl).equals(Set.of(Extension.deltaCRLIndicator.getId())))
                .filter(crl -> baseNumber(crl).map(base -> base.compareTo(newestFull) <= 0).orElse(false))
                .toList();
        BigInteger serial = certificate.getSerialNumber();
        for (X509CRL delta : deltas) {
            X509CRLEntry entry = delta.getRevokedCertificate(serial);
            if (entry != null && entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
                return true; // the delta lifts a hold listed by the full CRL
            }
            refuseIfRevoked(certificate, entry, at);
        }
        for (X509CRL crl : full) {
            refuseIfRevoked(certificate, crl.getRevokedCertificate(serial), at);
        }
        return true;
    }

    private static void refuseIfRevoked(X509Certificate certificate, X509CRLEntry entry, Instant at) {
        if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
            throw new QaqpaFault(ErrorCode.CERT_REVOKED, "The certificate " + DistinguishedNames.shown(certificate)
                    + " was revoked on " + entry.getRevocationDate().toInstant() + " (CRL).");
        }
    }

    private static boolean issuedBy(X509CRL crl, X509Certificate issuer, Instant at) {
        boolean[] keyUsage = issuer.getKeyUsage();
        return crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                && !crl.getThisUpdate().toInstant().isAfter(at)
                && crl.getNextUpdate() != null && !crl.getNextUpdate().toInstant().isBefore(at)
                && (keyUsage == null || keyUsage.length > CRL_SIGN && keyUsage[CRL_SIGN])
                && IssuerSignature.verifies(crl, issuer.getPublicKey());
    }

    private static Set<String> criticalExtensions(X509CRL crl) {
        Set<String> critical = crl.getCriticalExtensionOIDs();
        return critical == null ? Set.of() : critical;
    }

    private static BigInteger number(X509CRL crl) {
        return integerExtension(crl, Extension.cRLNumber.getId()).orElse(BigInteger.ZERO);
    }

    private static Optional<BigInteger> baseNumber(X509CRL crl) {
        return integerExtension(crl, Extension.deltaCRLIndicator.getId());
    }

    private static Optional<BigInteger> integerExtension(X509CRL crl, String oid) {
        byte[] value = crl.getExtensionValue(oid);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue());
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed number: the CRL cannot be ordered, so it is not used as a delta base
        }
    }
}
