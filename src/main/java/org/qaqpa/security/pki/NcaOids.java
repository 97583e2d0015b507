package org.qaqpa.security.pki;

/** Object identifiers of the Kazakh NCA certificate profile (shep-contract.md §3) and the PKIX ones it uses. */
public final class NcaOids {

    /** Certificate policy: signing certificate of a legal entity's employee. */
    public static final String POLICY_SIGN_LEGAL = "1.2.398.3.3.2.1";
    /** Certificate policy: authentication certificate of a legal entity's employee. */
    public static final String POLICY_AUTH_LEGAL = "1.2.398.3.3.2.2";
    /** Certificate policy: signing certificate of an individual. */
    public static final String POLICY_SIGN_INDIVIDUAL = "1.2.398.3.3.2.3";
    /** Certificate policy: authentication certificate of an individual. */
    public static final String POLICY_AUTH_INDIVIDUAL = "1.2.398.3.3.2.4";

    /** Extended key usage id-kp-emailProtection, carried by NCA signing certificates. */
    public static final String EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    /** Extended key usage id-kp-clientAuth, carried by NCA authentication certificates. */
    public static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** Extended key usage id-kp-OCSPSigning. */
    public static final String EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** NCA role: individual. */
    public static final String EKU_INDIVIDUAL = "1.2.398.3.3.4.1.1";
    /** NCA role: legal entity (an employee acting for it). */
    public static final String EKU_LEGAL_ENTITY = "1.2.398.3.3.4.1.2";
    /** NCA role: the legal entity's first head (CEO). */
    public static final String EKU_LEGAL_CEO = "1.2.398.3.3.4.1.2.1";
    /** NCA role: an employee with the right to sign for the legal entity. */
    public static final String EKU_LEGAL_MAY_SIGN = "1.2.398.3.3.4.1.2.2";

    private NcaOids() {
    }
}
