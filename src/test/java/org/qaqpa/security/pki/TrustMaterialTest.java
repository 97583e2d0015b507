package org.qaqpa.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustMaterialTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static DevPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        pki = DevPki.generate(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void readsOneOrManyPemCertificatesSkippingTextBetween() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, "subject=C=KZ, CN=QAQPA DEV NCA (RSA)\n" + pem(pki.intermediate().certificate().getEncoded())
                + "\n# the root\n" + pem(pki.root().certificate().getEncoded()));

        assertThat(TrustMaterial.readCertificates(bundle))
                .containsExactly(pki.intermediate().certificate(), pki.root().certificate());
    }

    @Test
    void readsDerCertificateAsTheNcaPublishesThem() throws Exception {
        Path der = Files.write(dir.resolve("nca_rsa.cer"), pki.root().certificate().getEncoded());

        assertThat(TrustMaterial.readCertificates(der)).containsExactly(pki.root().certificate());
    }

    @Test
    void refusesGarbageAsNotAPemCertificate() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "this is no certificate");

        assertThatThrownBy(() -> TrustMaterial.readCertificates(garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a PEM certificate: " + garbage);
    }

    @Test
    void refusesCertificateBlockThatDoesNotParse() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"), pem(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));

        assertThatThrownBy(() -> TrustMaterial.readCertificates(broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a PEM certificate: " + broken);
    }

    @Test
    void refusesPrivateKeyWhereCertificatesAreExpected() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), Pem.encode("PRIVATE KEY", pki.gateway().privateKey().getEncoded()));

        assertThatThrownBy(() -> TrustMaterial.readCertificates(key))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PEM certificate")
                .hasMessageContaining("PRIVATE KEY block");
    }

    @Test
    void reportsMissingFileAsIoFailure() {
        assertThatThrownBy(() -> TrustMaterial.readCertificates(dir.resolve("missing.pem")))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void readsCrlAsPemOrDer() throws Exception {
        X509CRL crl = pki.crl(List.of(pki.gateway().certificate()), NOW, NOW.plus(Duration.ofDays(1)));
        Path pemFile = Files.writeString(dir.resolve("crl.pem"), Pem.encode("X509 CRL", crl.getEncoded()));
        Path derFile = Files.write(dir.resolve("crl.der"), crl.getEncoded());

        assertThat(TrustMaterial.readCrl(pemFile)).isEqualTo(crl);
        assertThat(TrustMaterial.readCrl(derFile)).isEqualTo(crl);
    }

    @Test
    void refusesGarbageAsNotACrl() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.crl"), "no CRL here");

        assertThatThrownBy(() -> TrustMaterial.readCrl(garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a CRL: " + garbage);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
