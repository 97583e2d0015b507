package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.pki.CertificateValidator.Purpose;

/** One test per refusal, each asserting the exact code; the accepted case first. */
class CertificateValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SUBJECT = "C=KZ, CN=ТЕСТОВ ТЕСТ, SERIALNUMBER=IIN123456789011, OU=BIN123456789021";

    private static DevPki pki;
    private static DevPki otherPki;
    private static IssuedCertificate good;

    @BeforeAll
    static void generatePkis() {
        pki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
        otherPki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
        good = pki.issue(LeafSpec.signing(SUBJECT, NOW));
    }

    @Test
    void acceptsLeafIssuedByPresentedIntermediate() {
        ValidatedSigner signer = validator(RevocationMode.OFF, List.of())
                .validate(good.certificate(), List.of(good.certificate(), pki.intermediate().certificate()), NOW, Purpose.BUSINESS);

        assertThat(signer.certificate()).isEqualTo(good.certificate());
        assertThat(signer.path()).containsExactly(good.certificate(), pki.intermediate().certificate(), pki.root().certificate());
        assertThat(signer.subject().iin()).contains("123456789011");
        assertThat(signer.subject().bin()).contains("123456789021");
    }

    @Test
    void acceptsGostLeafThroughGostIntermediateInCrlMode() {
        IssuedCertificate gost = pki.gostIndividual();
        var trust = new TrustMaterial(List.of(root(), pki.gostRoot().certificate()), List.of(pki.gostIntermediate().certificate()),
                List.of(pki.gostCrl(List.of(), NOW.minus(hours(1)), NOW.plus(days(1)))), RevocationMode.CRL);

        ValidatedSigner signer = new CertificateValidator(trust).validate(gost.certificate(), List.of(), NOW, Purpose.BUSINESS);

        assertThat(signer.path()).containsExactly(gost.certificate(), pki.gostIntermediate().certificate(),
                pki.gostRoot().certificate());
        assertThat(signer.subject().iin()).contains("123456789011");
    }

    @Test
    void refusesGostLeafRevokedByGostCrl() {
        IssuedCertificate gost = pki.gostIndividual();
        var trust = new TrustMaterial(List.of(pki.gostRoot().certificate()), List.of(),
                List.of(pki.gostCrl(List.of(gost.certificate()), NOW.minus(hours(1)), NOW.plus(days(1)))), RevocationMode.CRL);

        assertRefused(new CertificateValidator(trust), gost.certificate(), gost.chain(), NOW, ErrorCode.CERT_REVOKED);
    }

    @Test
    void refusesGostLeafOfAnotherGostRoot() {
        var trust = new TrustMaterial(List.of(pki.gostRoot().certificate()), List.of(), List.of(), RevocationMode.OFF);

        assertRefused(new CertificateValidator(trust), otherPki.gostIndividual().certificate(), otherPki.gostIndividual().chain(),
                NOW, ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void acceptsLeafIssuedByConfiguredIntermediate() {
        var trust = new TrustMaterial(List.of(root()), List.of(pki.intermediate().certificate()), List.of(), RevocationMode.OFF);

        ValidatedSigner signer = new CertificateValidator(trust).validate(good.certificate(), List.of(), NOW, Purpose.BUSINESS);

        assertThat(signer.path()).hasSize(3);
    }

    @Test
    void trustsReplacedAnchorsFromTheNextValidationOn() {
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());
        IssuedCertificate other = otherPki.issue(LeafSpec.signing(SUBJECT, NOW));
        List<X509Certificate> presented = List.of(other.certificate(), otherPki.intermediate().certificate());
        assertRefused(validator, other.certificate(), presented, NOW, ErrorCode.CERT_UNTRUSTED);

        validator.replaceAnchors(List.of(root(), otherPki.root().certificate()));
        assertThat(validator.validate(other.certificate(), presented, NOW, Purpose.TRANSPORT).path())
                .endsWith(otherPki.root().certificate());
        assertThat(validator.anchors()).containsExactly(root(), otherPki.root().certificate());

        validator.replaceAnchors(List.of(root()));
        assertRefused(validator, other.certificate(), presented, NOW, ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesMissingIntermediate() {
        assertRefused(validator(RevocationMode.OFF, List.of()), good.certificate(), List.of(), NOW, ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesUntrustedSelfSigned() {
        IssuedCertificate selfSigned = pki.selfSigned(LeafSpec.signing(SUBJECT, NOW));

        assertRefused(validator(RevocationMode.OFF, List.of()), selfSigned.certificate(), List.of(selfSigned.certificate()),
                NOW, ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesChainWhoseIntermediateDidNotSignTheLeaf() {
        // same issuer name as ours, another key: only the signature tells them apart
        IssuedCertificate forged = otherPki.issue(LeafSpec.signing(SUBJECT, NOW));

        assertRefused(validator(RevocationMode.OFF, List.of()), forged.certificate(),
                List.of(pki.intermediate().certificate(), otherPki.root().certificate()), NOW, ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void remembersOnlyChainsThatPassedThePkixRules() {
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());
        IssuedCertificate underLeaf = new CertificateAuthority(pki.legalEntity()).issueLeaf(LeafSpec.signing(SUBJECT, NOW));
        validator.validate(pki.legalEntity().certificate(), pki.legalEntity().chain(), NOW, Purpose.BUSINESS);

        // the chain below the remembered one (leaf as CA) is a different chain: checked, and refused
        assertRefused(validator, underLeaf.certificate(), underLeaf.chain(), NOW, ErrorCode.CERT_UNTRUSTED);
        assertRefused(validator, underLeaf.certificate(), underLeaf.chain(), NOW, ErrorCode.CERT_UNTRUSTED);
        // and a remembered chain is still held to the time: validity is not part of what is remembered
        assertRefused(validator, pki.legalEntity().certificate(), pki.legalEntity().chain(), NOW.plus(days(4000)),
                ErrorCode.CERT_EXPIRED);
    }

    @Test
    void refusesLeafUsedAsCertificateAuthority() {
        IssuedCertificate underLeaf = new CertificateAuthority(pki.legalEntity()).issueLeaf(LeafSpec.signing(SUBJECT, NOW));

        QaqpaFault fault = assertRefused(validator(RevocationMode.OFF, List.of()), underLeaf.certificate(),
                underLeaf.chain(), NOW, ErrorCode.CERT_UNTRUSTED);
        assertThat(fault.getMessage()).contains("PKIX rules");
    }

    @Test
    void refusesExpired() {
        IssuedCertificate expired = pki.issue(LeafSpec.signing(SUBJECT, NOW).validity(NOW.minus(days(400)), NOW.minus(days(1))));

        QaqpaFault fault = assertRefused(validator(RevocationMode.OFF, List.of()), expired.certificate(), expired.chain(), NOW,
                ErrorCode.CERT_EXPIRED);
        assertThat(fault.getMessage()).contains("expired on " + NOW.minus(days(1)));
    }

    @Test
    void refusesNotYetValid() {
        IssuedCertificate future = pki.issue(LeafSpec.signing(SUBJECT, NOW).validity(NOW.plus(days(1)), NOW.plus(days(30))));

        QaqpaFault fault = assertRefused(validator(RevocationMode.OFF, List.of()), future.certificate(), future.chain(), NOW,
                ErrorCode.CERT_EXPIRED);
        assertThat(fault.getMessage()).contains("not valid before " + NOW.plus(days(1)));
    }

    @Test
    void acceptsAtNotAfterAndRefusesOneSecondLater() {
        Instant notAfter = good.certificate().getNotAfter().toInstant();
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());

        assertThat(validator.validate(good.certificate(), good.chain(), notAfter, Purpose.BUSINESS).certificate())
                .isEqualTo(good.certificate());
        assertRefused(validator, good.certificate(), good.chain(), notAfter.plusSeconds(1), ErrorCode.CERT_EXPIRED);
    }

    @Test
    void acceptsAtNotBeforeAndRefusesOneSecondEarlier() {
        Instant notBefore = good.certificate().getNotBefore().toInstant();
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());

        assertThat(validator.validate(good.certificate(), good.chain(), notBefore, Purpose.BUSINESS).certificate())
                .isEqualTo(good.certificate());
        assertRefused(validator, good.certificate(), good.chain(), notBefore.minusSeconds(1), ErrorCode.CERT_EXPIRED);
    }

    @Test
    void acceptsInCrlModeWithCurrentCrlNotListingTheSigner() {
        X509CRL crl = pki.crl(List.of(pki.individual().certificate()), NOW.minus(hours(1)), NOW.plus(days(1)));

        ValidatedSigner signer = validator(RevocationMode.CRL, List.of(crl)).validate(good.certificate(), good.chain(), NOW,
                Purpose.BUSINESS);

        assertThat(signer.certificate()).isEqualTo(good.certificate());
    }

    @Test
    void refusesRevokedByCrl() {
        X509CRL crl = pki.crl(List.of(good.certificate()), NOW.minus(hours(1)), NOW.plus(days(1)));

        assertRefused(validator(RevocationMode.CRL, List.of(crl)), good.certificate(), good.chain(), NOW, ErrorCode.CERT_REVOKED);
    }

    @Test
    void refusesIntermediateRevokedByRootCrl() {
        List<X509CRL> crls = List.of(pki.crl(List.of(), NOW.minus(hours(1)), NOW.plus(days(1))),
                pki.rootCrl(List.of(pki.intermediate().certificate()), NOW.minus(hours(1)), NOW.plus(days(1))));

        assertRefused(validator(RevocationMode.CRL, crls), good.certificate(), good.chain(), NOW, ErrorCode.CERT_REVOKED);
    }

    @Test
    void refusesInCrlModeWhenTheOnlyCrlIsSignedByAnotherKeyUnderTheIssuersName() {
        X509CRL foreign = otherPki.crl(List.of(), NOW.minus(hours(1)), NOW.plus(days(1)));
        assertThat(foreign.getIssuerX500Principal()).isEqualTo(pki.intermediate().certificate().getSubjectX500Principal());

        assertRefused(validator(RevocationMode.CRL, List.of(foreign)), good.certificate(), good.chain(), NOW,
                ErrorCode.CERT_STATUS_UNKNOWN);
    }

    @Test
    void refusesInCrlModeWhenTheOnlyCrlIsFromAnotherIssuer() {
        X509CRL rootCrl = pki.rootCrl(List.of(), NOW.minus(hours(1)), NOW.plus(days(1)));

        assertRefused(validator(RevocationMode.CRL, List.of(rootCrl)), good.certificate(), good.chain(), NOW,
                ErrorCode.CERT_STATUS_UNKNOWN);
    }

    @Test
    void refusesInCrlModeWithoutCrl() {
        assertRefused(validator(RevocationMode.CRL, List.of()), good.certificate(), good.chain(), NOW,
                ErrorCode.CERT_STATUS_UNKNOWN);
    }

    @Test
    void refusesInCrlModeWhenCrlIsOutdated() {
        X509CRL outdated = pki.crl(List.of(), NOW.minus(days(8)), NOW.minus(days(1)));

        assertRefused(validator(RevocationMode.CRL, List.of(outdated)), good.certificate(), good.chain(), NOW,
                ErrorCode.CERT_STATUS_UNKNOWN);
    }

    @Test
    void ignoresRevocationWhenModeIsOff() {
        X509CRL crl = pki.crl(List.of(good.certificate()), NOW.minus(hours(1)), NOW.plus(days(1)));

        ValidatedSigner signer = validator(RevocationMode.OFF, List.of(crl)).validate(good.certificate(), good.chain(), NOW,
                Purpose.BUSINESS);

        assertThat(signer.certificate()).isEqualTo(good.certificate());
    }

    @Test
    void refusesKeyEnciphermentOnlyCertificate() {
        IssuedCertificate encipherment = pki.issue(LeafSpec.signing(SUBJECT, NOW).keyUsage(false, false, true));

        assertRefused(validator(RevocationMode.OFF, List.of()), encipherment.certificate(), encipherment.chain(), NOW,
                ErrorCode.CERT_KEY_USAGE, Purpose.TRANSPORT);
    }

    @Test
    void refusesCertificateWithoutKeyUsage() {
        IssuedCertificate unrestricted = pki.issue(LeafSpec.signing(SUBJECT, NOW).keyUsage(false, false, false));

        assertRefused(validator(RevocationMode.OFF, List.of()), unrestricted.certificate(), unrestricted.chain(), NOW,
                ErrorCode.CERT_KEY_USAGE, Purpose.TRANSPORT);
    }

    @Test
    void refusesBusinessSignatureWithoutNonRepudiationButAcceptsTransport() {
        IssuedCertificate auth = pki.issue(LeafSpec.signing(SUBJECT, NOW).keyUsage(true, false, true));
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());

        assertThat(validator.validate(auth.certificate(), auth.chain(), NOW, Purpose.TRANSPORT).certificate())
                .isEqualTo(auth.certificate());
        assertRefused(validator, auth.certificate(), auth.chain(), NOW, ErrorCode.CERT_KEY_USAGE, Purpose.BUSINESS);
    }

    @Test
    void refusesFiftyPresentedCertificates() {
        List<X509Certificate> fifty = Collections.nCopies(50, pki.intermediate().certificate());

        QaqpaFault fault = assertRefused(validator(RevocationMode.OFF, List.of()), good.certificate(), fifty, NOW,
                ErrorCode.CERT_UNTRUSTED);
        assertThat(fault.getMessage()).contains("too many certificates");
    }

    @Test
    void acceptsTenPresentedCertificatesAndRefusesEleven() {
        CertificateValidator validator = validator(RevocationMode.OFF, List.of());

        assertThat(validator.validate(good.certificate(), Collections.nCopies(10, pki.intermediate().certificate()), NOW,
                Purpose.BUSINESS).path()).hasSize(3);
        assertRefused(validator, good.certificate(), Collections.nCopies(11, pki.intermediate().certificate()), NOW,
                ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void checksTrustBeforeValidity() {
        IssuedCertificate expiredSelfSigned = pki.selfSigned(LeafSpec.signing(SUBJECT, NOW)
                .validity(NOW.minus(days(400)), NOW.minus(days(1))));

        assertRefused(validator(RevocationMode.OFF, List.of()), expiredSelfSigned.certificate(), List.of(), NOW,
                ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void checksValidityBeforeRevocationAndRevocationBeforeKeyUsage() {
        IssuedCertificate expired = pki.issue(LeafSpec.signing(SUBJECT, NOW).validity(NOW.minus(days(400)), NOW.minus(days(1))));
        IssuedCertificate encipherment = pki.issue(LeafSpec.signing(SUBJECT, NOW).keyUsage(false, false, true));
        X509CRL crl = pki.crl(List.of(expired.certificate(), encipherment.certificate()), NOW.minus(hours(1)), NOW.plus(days(1)));
        CertificateValidator validator = validator(RevocationMode.CRL, List.of(crl));

        assertRefused(validator, expired.certificate(), expired.chain(), NOW, ErrorCode.CERT_EXPIRED);
        assertRefused(validator, encipherment.certificate(), encipherment.chain(), NOW, ErrorCode.CERT_REVOKED);
    }

    @Test
    void faultMessagesNameTheCertificateButNoInternals() {
        IssuedCertificate selfSigned = pki.selfSigned(LeafSpec.signing("C=KZ, CN=evil\nline", NOW));

        QaqpaFault fault = assertRefused(validator(RevocationMode.OFF, List.of()), selfSigned.certificate(), List.of(), NOW,
                ErrorCode.CERT_UNTRUSTED);

        assertThat(fault.getMessage()).contains("CN=evil\\nline").doesNotContain("\n").doesNotContain("java.")
                .doesNotContain("Exception");
    }

    private static CertificateValidator validator(RevocationMode mode, List<X509CRL> crls) {
        return new CertificateValidator(new TrustMaterial(List.of(root()), List.of(), crls, mode));
    }

    private static X509Certificate root() {
        return pki.root().certificate();
    }

    private static QaqpaFault assertRefused(CertificateValidator validator, X509Certificate signer,
                                            List<X509Certificate> presented, Instant at, ErrorCode expected) {
        return assertRefused(validator, signer, presented, at, expected, Purpose.BUSINESS);
    }

    private static QaqpaFault assertRefused(CertificateValidator validator, X509Certificate signer,
                                            List<X509Certificate> presented, Instant at, ErrorCode expected, Purpose purpose) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> validator.validate(signer, presented, at, purpose));
        assertThat(fault).as("expected a refusal with %s", expected).isNotNull();
        assertThat(fault.code()).as(fault.getMessage()).isEqualTo(expected);
        return fault;
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}
