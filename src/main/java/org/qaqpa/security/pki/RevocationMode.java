package org.qaqpa.security.pki;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a signer's revocation status is established. Every mode but {@link #OFF} fails hard: a status
 * that cannot be established refuses the signature with {@code CERT_STATUS_UNKNOWN}.
 */
public enum RevocationMode {
    /** Revocation is not checked. */
    OFF("off"),
    /**
     * The signer's issuer must have a CRL (configured, or fetched from the certificate's CRL
     * distribution point), signed by it and current at the message time. Intermediate CAs are
     * checked against their issuer's CRL when one is available.
     */
    CRL("crl"),
    /** The signer's status comes from the OCSP responder of its certificate (or the configured one). */
    OCSP("ocsp"),
    /**
     * OCSP first; when the responder cannot give a trustworthy answer, the CRLs decide. A
     * {@code revoked} answer from OCSP is final.
     */
    OCSP_THEN_CRL("ocsp-then-crl");

    private final String configName;

    RevocationMode(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code security.revocation}. */
    public String configName() {
        return configName;
    }

    boolean usesOcsp() {
        return this == OCSP || this == OCSP_THEN_CRL;
    }

    boolean usesCrl() {
        return this == CRL || this == OCSP_THEN_CRL;
    }

    /** The mode named {@code name} in configuration ({@code off}, {@code crl}, {@code ocsp}, {@code ocsp-then-crl}). */
    public static Optional<RevocationMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.configName.equals(name)).findFirst();
    }
}
