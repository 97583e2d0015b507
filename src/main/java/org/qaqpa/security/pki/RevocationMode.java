package org.qaqpa.security.pki;

/**
 * How a signer's revocation status is established. OCSP modes come later.
 */
public enum RevocationMode {
    /** Revocation is not checked. */
    OFF,
    /**
     * Hard fail on CRLs: the signer's issuer must have a CRL in the trust material, signed by it
     * and current at the message time, or the status is unknown ({@code CERT_STATUS_UNKNOWN}).
     * Intermediate CAs are checked against their issuer's CRL when one is configured.
     */
    CRL
}
