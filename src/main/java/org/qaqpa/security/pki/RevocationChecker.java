package org.qaqpa.security.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Establishes that a signer was not revoked at the message time, by the {@link RevocationMode}:
 * OCSP for the signer, CRLs for the signer and (when their issuer's CRL is available) the
 * intermediate CAs. Hard fail: a status that cannot be established is {@code CERT_STATUS_UNKNOWN}.
 */
public final class RevocationChecker {

    private final RevocationMode mode;
    private final CrlChecker crls;
    private final OcspClient ocsp;

    /**
     * @param ocsp the OCSP client; required when {@code mode} uses OCSP, else unused
     */
    public RevocationChecker(RevocationMode mode, CrlSource crlSource, OcspClient ocsp) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.crls = new CrlChecker(Objects.requireNonNull(crlSource, "crlSource"));
        if (mode.usesOcsp()) {
            Objects.requireNonNull(ocsp, "an OCSP client is needed for revocation mode " + mode.configName());
        }
        this.ocsp = ocsp;
    }

    public RevocationMode mode() {
        return mode;
    }

    /**
     * @param path the signer first, up to the anchor
     * @throws QaqpaFault {@code CERT_REVOKED} or {@code CERT_STATUS_UNKNOWN}
     */
    void check(List<X509Certificate> path, Instant at) {
        if (mode == RevocationMode.OFF || path.size() < 2) {
            return; // a signer that is itself an anchor has nobody to revoke it
        }
        if (mode == RevocationMode.CRL) {
            crls.check(path, at);
            return;
        }
        X509Certificate signer = path.get(0);
        OcspStatus status = ocsp.status(signer, path.get(1));
        switch (status.kind()) {
            case REVOKED -> {
                if (!status.revokedAt().isAfter(at)) {
                    throw new QaqpaFault(ErrorCode.CERT_REVOKED, "The certificate " + DistinguishedNames.shown(signer)
                            + " was revoked on " + status.revokedAt() + " (OCSP).");
                }
            }
            case UNKNOWN -> {
                if (mode == RevocationMode.OCSP) {
                    throw new QaqpaFault(ErrorCode.CERT_STATUS_UNKNOWN, "The revocation status of "
                            + DistinguishedNames.shown(signer) + " is unknown: " + status.detail() + ".");
                }
                if (!crls.statusKnown(signer, path.get(1), at)) {
                    throw new QaqpaFault(ErrorCode.CERT_STATUS_UNKNOWN, "The revocation status of "
                            + DistinguishedNames.shown(signer) + " is unknown: " + status.detail()
                            + ", and no current CRL of its issuer is available.");
                }
            }
            case GOOD -> {
                // the signer is fine; intermediates are still held to their issuers' CRLs when present
            }
        }
        if (mode.usesCrl()) {
            for (int i = 1; i + 1 < path.size(); i++) {
                crls.statusKnown(path.get(i), path.get(i + 1), at); // refuses a revoked intermediate
            }
        }
    }
}
