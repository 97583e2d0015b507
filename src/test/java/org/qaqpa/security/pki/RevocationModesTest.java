package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.security.pki.CertificateValidator.Purpose;

/**
 * The revocation modes as the validator applies them, with the sandbox certifying centre as OCSP
 * responder: OCSP decides when it answers, CRLs when it cannot (only in {@code ocsp-then-crl}),
 * nothing known is {@code CERT_STATUS_UNKNOWN}; delta CRLs add to their base.
 */
class RevocationModesTest {

    @TempDir
    static Path dir;

    private static SandboxServer sandbox;
    private static DevPki pki;
    private static IssuedCertificate revoked;
    private static URI down;

    @BeforeAll
    static void startCertifyingCentre() throws Exception {
        sandbox = SandboxServer.start(0, dir, Clock.systemUTC());
        pki = DevPki.generate(Clock.systemUTC(), sandbox.caUrl());
        pki.writeTo(dir, DevPki.password());
        revoked = pki.issue(LeafSpec.signing(DevPki.INDIVIDUAL_DN, Instant.now()));
        DevCaFiles.open(dir, DevPki.password(), Clock.systemUTC()).revoke(revoked.certificate().getSerialNumber(), Duration.ofDays(1));
        try (ServerSocket socket = new ServerSocket(0)) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/ocsp");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void acceptsAGoodCertificateByOcsp() {
        ValidatedSigner signer = validator(RevocationMode.OCSP, Optional.empty(), List.of())
                .validate(pki.individual().certificate(), pki.individual().chain(), Instant.now(), Purpose.TRANSPORT);

        assertThat(signer.certificate()).isEqualTo(pki.individual().certificate());
    }

    @Test
    void refusesACertificateRevokedByOcsp() {
        QaqpaFault fault = refused(validator(RevocationMode.OCSP, Optional.empty(), List.of()), revoked);

        assertThat(fault.code()).isEqualTo(ErrorCode.CERT_REVOKED);
        assertThat(fault.getMessage()).contains("(OCSP)");
    }

    @Test
    void refusesWhenTheOcspResponderIsDownInOcspMode() {
        QaqpaFault fault = refused(validator(RevocationMode.OCSP, Optional.of(down), List.of(pki.emptyCrl())), pki.individual());

        assertThat(fault.code()).isEqualTo(ErrorCode.CERT_STATUS_UNKNOWN);
        assertThat(fault.getMessage()).contains("did not answer");
    }

    @Test
    void fallsBackToTheCrlWhenTheOcspResponderIsDown() {
        Instant now = Instant.now();
        X509CRL crl = pki.crl(List.of(revoked.certificate()), now.minusSeconds(60), now.plus(Duration.ofDays(1)));

        CertificateValidator validator = validator(RevocationMode.OCSP_THEN_CRL, Optional.of(down), List.of(crl));

        assertThat(validator.validate(pki.individual().certificate(), pki.individual().chain(), now, Purpose.TRANSPORT)).isNotNull();
        assertThat(refused(validator, revoked).code()).isEqualTo(ErrorCode.CERT_REVOKED);
        assertThat(refused(validator, revoked).getMessage()).contains("(CRL)");
    }

    @Test
    void refusesWhenNeitherOcspNorACrlKnowsTheStatus() {
        QaqpaFault fault = refused(validator(RevocationMode.OCSP_THEN_CRL, Optional.of(down), List.of()), pki.individual());

        assertThat(fault.code()).isEqualTo(ErrorCode.CERT_STATUS_UNKNOWN);
        assertThat(fault.getMessage()).contains("no current CRL");
    }

    @Test
    void fetchesTheCrlFromTheDistributionPointOfTheCertificate() {
        var trust = new TrustMaterial(List.of(pki.root().certificate()), List.of(), List.of(), RevocationMode.CRL);
        var checker = new RevocationChecker(RevocationMode.CRL,
                new CrlDistributionPoints(Duration.ofSeconds(5), Clock.systemUTC()), null);
        CertificateValidator validator = new CertificateValidator(trust, checker);

        assertThat(validator.validate(pki.individual().certificate(), pki.individual().chain(), Instant.now(), Purpose.TRANSPORT))
                .isNotNull();
        assertThat(refused(validator, revoked).code()).isEqualTo(ErrorCode.CERT_REVOKED);
    }

    @Test
    void aDeltaCrlAddsRevocationsToItsBase() throws Exception {
        Instant now = Instant.now();
        X509CRL base = pki.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL delta = delta(base, Map.of(pki.officer().certificate().getSerialNumber(), CRLReason.keyCompromise), now);
        CertificateValidator validator = validator(RevocationMode.CRL, Optional.empty(), List.of(base, delta));

        assertThat(refused(validator, pki.officer()).code()).isEqualTo(ErrorCode.CERT_REVOKED);
        assertThat(validator.validate(pki.legalEntity().certificate(), pki.legalEntity().chain(), now, Purpose.TRANSPORT)).isNotNull();
    }

    @Test
    void aDeltaCrlWithoutItsBaseSaysNothing() throws Exception {
        Instant now = Instant.now();
        X509CRL base = pki.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL delta = delta(base, Map.of(pki.officer().certificate().getSerialNumber(), CRLReason.keyCompromise), now);

        QaqpaFault fault = refused(validator(RevocationMode.CRL, Optional.empty(), List.of(delta)), pki.officer());

        assertThat(fault.code()).isEqualTo(ErrorCode.CERT_STATUS_UNKNOWN);
    }

    @Test
    void aDeltaCrlCanLiftAHold() throws Exception {
        Instant now = Instant.now();
        X509CRL base = pki.crl(List.of(pki.legalEntity().certificate()), now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL delta = delta(base, Map.of(pki.legalEntity().certificate().getSerialNumber(), CRLReason.removeFromCRL), now);

        assertThat(refused(validator(RevocationMode.CRL, Optional.empty(), List.of(base)), pki.legalEntity()).code())
                .isEqualTo(ErrorCode.CERT_REVOKED);
        assertThat(validator(RevocationMode.CRL, Optional.empty(), List.of(base, delta))
                .validate(pki.legalEntity().certificate(), pki.legalEntity().chain(), now, Purpose.TRANSPORT)).isNotNull();
    }

    /** A delta CRL of the development intermediate over {@code base}, numbered after it. */
    private static X509CRL delta(X509CRL base, Map<BigInteger, Integer> entries, Instant now) throws Exception {
        BigInteger baseNumber = ASN1Integer.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                base.getExtensionValue(Extension.cRLNumber.getId())).getOctets()).getValue();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(pki.intermediate().certificate()).getSubject(),
                Date.from(now.minusSeconds(30)));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        entries.forEach((serial, reason) -> builder.addCRLEntry(serial, Date.from(now.minusSeconds(30)), reason));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(baseNumber.add(BigInteger.ONE)));
        builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(baseNumber));
        byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.intermediate().privateKey())).getEncoded();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
    }

    private static CertificateValidator validator(RevocationMode mode, Optional<URI> ocsp, List<X509CRL> crls) {
        var trust = new TrustMaterial(List.of(pki.root().certificate()), List.of(), List.of(), mode);
        return new CertificateValidator(trust, new RevocationChecker(mode, CrlSource.of(crls),
                new OcspClient(ocsp, Duration.ofSeconds(5), Clock.systemUTC())));
    }

    private static QaqpaFault refused(CertificateValidator validator, IssuedCertificate certificate) {
        return catchThrowableOfType(QaqpaFault.class,
                () -> validator.validate(certificate.certificate(), certificate.chain(), Instant.now(), Purpose.TRANSPORT));
    }
}
