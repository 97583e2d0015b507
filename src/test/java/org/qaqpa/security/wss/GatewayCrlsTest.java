package org.qaqpa.security.wss;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.PkiFetches;
import org.qaqpa.security.pki.Pem;

/**
 * The CRLs the gateway's validator uses, as the admin API lists them: the files of {@code security.crl-dir} beside a
 * trust directory, read again at once on {@link GatewayCrls#readAgain()} (the clock stands still here, so the
 * periodic look never comes); no upload directory without {@code crl-dir}; {@code DATA/crls} on the development PKI.
 */
class GatewayCrlsTest {

    private static final Instant NOW = Instant.now();
    private static final Clock STILL = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void listsTheCrlDirectoryAndForgetsARemovedFileAtOnce() throws Exception {
        DevPki pki = DevPki.generate(Clock.systemUTC());
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(trust.resolve("root.pem"), Pem.certificate(pki.root().certificate()));
        Path crlDir = Files.createDirectories(dir.resolve("crl"));
        X509CRL crl = pki.crl(List.of(pki.officer().certificate()), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        Files.write(crlDir.resolve("inter.crl"), crl.getEncoded());

        GatewayCrls crls = GatewayTrust.build(config(Optional.of(trust), Optional.of(crlDir)), dir, STILL, PkiFetches.NONE)
                .crls();

        assertThat(crls.uploadDir()).contains(crlDir);
        assertThat(crls.list()).singleElement().satisfies(listed -> {
            assertThat(listed.origin()).isEqualTo(GatewayCrls.Origin.DIRECTORY);
            assertThat(listed.location()).isEqualTo(crlDir.resolve("inter.crl").toString());
            assertThat(listed.crl()).isEqualTo(crl);
        });
        assertThat(crls.crlsFor(pki.officer().certificate())).containsExactly(crl);

        Files.delete(crlDir.resolve("inter.crl"));
        assertThat(crls.crlsFor(pki.officer().certificate())).as("before readAgain, within the recheck time").containsExactly(crl);
        crls.readAgain();

        assertThat(crls.list()).isEmpty();
        assertThat(crls.crlsFor(pki.officer().certificate())).isEmpty();
    }

    @Test
    void hasNoUploadDirectoryWithATrustDirectoryAlone() throws Exception {
        DevPki pki = DevPki.generate(Clock.systemUTC());
        Path trust = Files.createDirectories(dir.resolve("trust"));
        Files.writeString(trust.resolve("root.pem"), Pem.certificate(pki.root().certificate()));

        GatewayCrls crls = GatewayTrust.build(config(Optional.of(trust), Optional.empty()), dir, STILL, PkiFetches.NONE).crls();

        assertThat(crls.uploadDir()).isEmpty();
        assertThat(crls.list()).isEmpty();
    }

    @Test
    void takesUploadsIntoTheDataDirectoryOnTheDevelopmentPki() {
        GatewayCrls crls = GatewayTrust.build(config(Optional.empty(), Optional.empty()), dir, STILL, PkiFetches.NONE).crls();

        assertThat(crls.uploadDir()).contains(dir.resolve("crls"));
        assertThat(dir.resolve("crls")).isDirectory();
        assertThat(crls.list()).isNotEmpty().allSatisfy(listed -> assertThat(listed.origin())
                .isEqualTo(GatewayCrls.Origin.DEVELOPMENT_PKI));
    }

    private static GatewayConfig config(Optional<Path> trustDir, Optional<Path> crlDir) {
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig.Security s = defaults.security();
        return defaults.withSecurity(new GatewayConfig.Security(s.requireSignature(), trustDir.map(Path::toString),
                crlDir.map(Path::toString), "crl", Optional.empty(), s.revocationTimeout(), s.allowLegacySha1(),
                s.keystore(), s.keystorePasswordEnv(), s.jceProvider(), s.devPkiDir(), s.keyRotationGrace()));
    }
}
