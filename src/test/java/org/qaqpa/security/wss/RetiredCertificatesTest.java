package org.qaqpa.security.wss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.security.wss.GatewayKeyRing.Retired;

/**
 * The certificates a key rotation replaced survive a restart within their grace period (issue 11 follow-up: they were
 * kept in memory only), and an entry past its grace period, or a file that cannot be read, is left out.
 */
class RetiredCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T07:00:00Z");
    private static DevPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void makePki() {
        pki = DevPki.generate(Clock.systemUTC());
    }

    @Test
    void keepsTheEntriesStillInTheirGracePeriod() throws Exception {
        Path file = RetiredCertificates.beside(dir.resolve("gateway.p12"));
        Retired recent = new Retired(pki.gateway().certificate(), NOW.plus(Duration.ofDays(7)));
        Retired over = new Retired(pki.legalEntity().certificate(), NOW.minusSeconds(1));

        RetiredCertificates.write(file, List.of(recent, over));

        assertThat(file.getFileName()).hasToString("gateway.p12.retired");
        assertThat(RetiredCertificates.read(file, NOW)).containsExactly(recent);
        assertThat(RetiredCertificates.read(file, NOW.minusSeconds(2))).containsExactly(recent, over);
        assertThat(RetiredCertificates.read(dir.resolve("none.retired"), NOW)).isEmpty();
    }

    @Test
    void ignoresAFileItCannotRead() throws Exception {
        Path file = Files.writeString(dir.resolve("gateway.p12.retired"),
                "accepted-until: not a time\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThat(RetiredCertificates.read(file, NOW)).isEmpty();
    }

    @Test
    void aRestartWithinTheGracePeriodStillPublishesTheReplacedCertificate() throws Exception {
        GatewayConfig config = GatewayConfig.defaults();
        char[] password = DevPki.DEVELOPMENT_PASSWORD.toCharArray();
        pki.writeTo(dir.resolve("pki"), password);
        WsSecurity first = WsSecurity.from(config, dir, Clock.systemUTC()).orElseThrow();
        IssuedCertificate next = pki.issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));

        first.keyRotation().rotate(pkcs12(next, password), password);
        WsSecurity restarted = WsSecurity.from(config, dir, Clock.systemUTC()).orElseThrow();

        assertThat(restarted.gatewayCertificate()).isEqualTo(next.certificate());
        assertThat(restarted.keys().retired()).singleElement().satisfies(retired -> {
            assertThat(retired.certificate()).isEqualTo(pki.gateway().certificate());
            assertThat(retired.acceptedUntil()).isAfter(Instant.now().plus(config.security().keyRotationGrace())
                    .minus(Duration.ofMinutes(1)));
        });
        assertThat(restarted.keys().accepted(Instant.now())).containsExactly(next.certificate(), pki.gateway().certificate());
        assertThat(WsSecurity.from(config, dir, Clock.offset(Clock.systemUTC(),
                config.security().keyRotationGrace().plusMinutes(1))).orElseThrow().keys().retired())
                .as("a restart after the grace period").isEmpty();
    }

    private static byte[] pkcs12(IssuedCertificate key, char[] password) throws Exception {
        KeyStore store = key.toPkcs12("new-gateway-key", password);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
