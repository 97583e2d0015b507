package org.qaqpa.security.wss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.Pem;
import org.qaqpa.security.pki.PkiFetches;

/**
 * Nodes sharing {@code security.trust-dir} follow an anchor another node (or an operator) added or removed there
 * without a restart (issue 11 follow-up: the directory was read at the start and on this node's own uploads only).
 */
class TrustDirectoryWatchTest {

    private static DevPki first;
    private static DevPki second;

    @TempDir
    Path data;
    private Path trust;
    private CertificateValidator validator;
    private TrustAnchors anchors;

    @BeforeAll
    static void makePkis() {
        first = DevPki.generate(Clock.systemUTC());
        second = DevPki.generate(Clock.systemUTC());
    }

    @BeforeEach
    void trustTheFirstRoot() throws Exception {
        trust = Files.createDirectories(data.resolve("trust"));
        Files.writeString(trust.resolve("first.pem"), Pem.certificate(first.root().certificate()));
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig.Security s = defaults.security();
        GatewayConfig config = defaults.withSecurity(new GatewayConfig.Security(s.requireSignature(),
                Optional.of(trust.toString()), Optional.empty(), "off", Optional.empty(), s.revocationTimeout(),
                s.allowLegacySha1(), s.keystore(), s.keystorePasswordEnv(), s.jceProvider(), s.devPkiDir(),
                s.keyRotationGrace()));
        validator = GatewayTrust.build(config, data, Clock.systemUTC(), PkiFetches.NONE).validator();
        anchors = GatewayTrust.anchors(config, data, validator, Clock.systemUTC());
    }

    @Test
    void readsTheDirectoryAgainOnlyWhenAFileChanged() throws Exception {
        anchors.reloadIfChanged();
        assertThat(anchors.reloadIfChanged()).as("nothing changed").isFalse();

        Files.writeString(trust.resolve("second.pem"), Pem.certificate(second.root().certificate()));
        assertThat(anchors.reloadIfChanged()).isTrue();
        assertThat(validator.anchors()).containsExactlyInAnyOrder(first.root().certificate(), second.root().certificate());

        Files.delete(trust.resolve("second.pem"));
        assertThat(anchors.reloadIfChanged()).isTrue();
        assertThat(validator.anchors()).containsExactly(first.root().certificate());

        Files.delete(trust.resolve("first.pem"));
        assertThat(anchors.reloadIfChanged()).as("an emptied trust-dir").isFalse();
        assertThat(validator.anchors()).as("kept").containsExactly(first.root().certificate());
    }

    @Test
    void followsAnAnchorAddedByAnotherNode() throws Exception {
        try (TrustDirectoryWatch watch = TrustDirectoryWatch.start(anchors, Duration.ofMillis(50))) {
            Files.writeString(trust.resolve("second.pem"), Pem.certificate(second.root().certificate()));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(validator.anchors()).contains(second.root().certificate()));
        }
    }
}
