package org.qaqpa.security.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Properties of a leaf to issue (tests use it to make expired, not-yet-valid, encipherment-only…
 * certificates). The subject is written in encoding order with Bouncy Castle names
 * ({@code CN}, {@code SURNAME}, {@code SERIALNUMBER}, {@code GIVENNAME} or {@code G}, {@code O},
 * {@code OU}, {@code C}, {@code E}). No key usage flag set means no key usage extension.
 */
public record LeafSpec(String subjectDn, Instant notBefore, Instant notAfter,
                       boolean digitalSignature, boolean nonRepudiation, boolean keyEncipherment,
                       List<String> policyOids, List<String> extendedKeyUsageOids) {

    public LeafSpec {
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
        policyOids = List.copyOf(policyOids);
        extendedKeyUsageOids = List.copyOf(extendedKeyUsageOids);
    }

    /**
     * An NCA-style signing certificate of a legal entity: valid from a day before {@code now} for
     * 365 days, digitalSignature and nonRepudiation, policy sign/legal, EKU emailProtection.
     */
    public static LeafSpec signing(String subjectDn, Instant now) {
        return new LeafSpec(subjectDn, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                true, true, false, List.of(NcaOids.POLICY_SIGN_LEGAL), List.of(NcaOids.EKU_EMAIL_PROTECTION));
    }

    public LeafSpec validity(Instant notBefore, Instant notAfter) {
        return new LeafSpec(subjectDn, notBefore, notAfter, digitalSignature, nonRepudiation, keyEncipherment,
                policyOids, extendedKeyUsageOids);
    }

    public LeafSpec keyUsage(boolean digitalSignature, boolean nonRepudiation, boolean keyEncipherment) {
        return new LeafSpec(subjectDn, notBefore, notAfter, digitalSignature, nonRepudiation, keyEncipherment,
                policyOids, extendedKeyUsageOids);
    }

    public LeafSpec subject(String subjectDn) {
        return new LeafSpec(subjectDn, notBefore, notAfter, digitalSignature, nonRepudiation, keyEncipherment,
                policyOids, extendedKeyUsageOids);
    }

    /** The same leaf with these certificate policy OIDs (empty: no certificatePolicies extension). */
    public LeafSpec policies(List<String> policyOids) {
        return new LeafSpec(subjectDn, notBefore, notAfter, digitalSignature, nonRepudiation, keyEncipherment,
                policyOids, extendedKeyUsageOids);
    }

    /** The same leaf with these extended key usage OIDs (empty: no extendedKeyUsage extension). */
    public LeafSpec extendedKeyUsages(List<String> extendedKeyUsageOids) {
        return new LeafSpec(subjectDn, notBefore, notAfter, digitalSignature, nonRepudiation, keyEncipherment,
                policyOids, extendedKeyUsageOids);
    }
}
