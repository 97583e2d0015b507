package org.qaqpa.security.pki;

import java.time.Instant;
import java.util.Objects;

/**
 * What an OCSP check established about one certificate.
 *
 * @param kind      good, revoked, or unknown (no trustworthy answer)
 * @param revokedAt when the responder says the certificate was revoked ({@code REVOKED} only)
 * @param detail    why the status is unknown, for logs and fault messages; empty otherwise
 */
public record OcspStatus(Kind kind, Instant revokedAt, String detail) {

    public enum Kind { GOOD, REVOKED, UNKNOWN }

    public OcspStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    static OcspStatus good() {
        return new OcspStatus(Kind.GOOD, null, "");
    }

    static OcspStatus revoked(Instant at) {
        return new OcspStatus(Kind.REVOKED, at, "");
    }

    static OcspStatus unknown(String why) {
        return new OcspStatus(Kind.UNKNOWN, null, why);
    }
}
