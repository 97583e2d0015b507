package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link IssuerSignature}: what it remembers must never turn a wrong signature into a right one. */
class IssuerSignatureTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SUBJECT = "C=KZ, CN=ТЕСТОВ ТЕСТ, SERIALNUMBER=IIN123456789011";

    private static DevPki pki;
    private static DevPki otherPki;

    @BeforeAll
    static void generatePkis() {
        pki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
        otherPki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void acceptsTheIssuersKeyAgainAndAgain() throws Exception {
        X509Certificate leaf = pki.issue(LeafSpec.signing(SUBJECT, NOW)).certificate();
        X509Certificate sameBytes = reparsed(leaf);

        assertThat(IssuerSignature.verifies(leaf, pki.intermediate().certificate().getPublicKey())).isTrue();
        assertThat(IssuerSignature.verifies(sameBytes, pki.intermediate().certificate().getPublicKey())).isTrue();
    }

    @Test
    void refusesAnotherKeyAfterTheRightOneWasRemembered() {
        X509Certificate leaf = pki.issue(LeafSpec.signing(SUBJECT, NOW)).certificate();
        assertThat(IssuerSignature.verifies(leaf, pki.intermediate().certificate().getPublicKey())).isTrue();

        assertThat(IssuerSignature.verifies(leaf, otherPki.intermediate().certificate().getPublicKey())).isFalse();
        assertThat(IssuerSignature.verifies(leaf, pki.root().certificate().getPublicKey())).isFalse();
    }

    @Test
    void refusesACertificateWithTheSameSubjectFromAnotherIssuer() {
        X509Certificate genuine = pki.issue(LeafSpec.signing(SUBJECT, NOW)).certificate();
        X509Certificate forged = otherPki.issue(LeafSpec.signing(SUBJECT, NOW)).certificate();
        assertThat(IssuerSignature.verifies(genuine, pki.intermediate().certificate().getPublicKey())).isTrue();

        assertThat(IssuerSignature.verifies(forged, pki.intermediate().certificate().getPublicKey())).isFalse();
        assertThat(IssuerSignature.verifies(forged, pki.intermediate().certificate().getPublicKey())).isFalse();
    }

    private static X509Certificate reparsed(X509Certificate certificate) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }
}
