package org.qaqpa.security.wss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;

class GatewayKeyRingTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofDays(7);
    private static IssuedCertificate first;
    private static IssuedCertificate second;
    private static IssuedCertificate third;

    @BeforeAll
    static void keys() {
        DevPki pki = DevPki.generate(Clock.systemUTC());
        first = pki.gateway();
        second = pki.issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
        third = pki.issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
    }

    @Test
    void signsWithTheNewKeyAndAcceptsTheOldOneUntilTheGracePeriodEnds() {
        GatewayKeyRing ring = new GatewayKeyRing(first, START, GRACE);
        Instant rotation = START.plus(Duration.ofDays(1));

        IssuedCertificate replaced = ring.rotate(second, rotation);

        assertThat(replaced).isEqualTo(first);
        assertThat(ring.current()).isEqualTo(second);
        assertThat(ring.signer()).isNotNull();
        assertThat(ring.accepted(rotation.plus(GRACE))).containsExactly(second.certificate(), first.certificate());
        assertThat(ring.accepted(rotation.plus(GRACE).plusSeconds(1))).containsExactly(second.certificate());
        assertThat(ring.accepts(first.certificate(), rotation.plus(GRACE).plusSeconds(1))).isFalse();
        assertThat(ring.isOwn(first.certificate())).as("never a request signer, grace or not").isTrue();
    }

    @Test
    void keepsEveryReplacedCertificateNewestFirst() {
        GatewayKeyRing ring = new GatewayKeyRing(first, START, GRACE);
        ring.rotate(second, START.plusSeconds(10));
        ring.rotate(third, START.plusSeconds(20));

        assertThat(ring.retired()).extracting(GatewayKeyRing.Retired::certificate)
                .containsExactly(second.certificate(), first.certificate());
        assertThat(ring.currentSince()).isEqualTo(START.plusSeconds(20));
    }

    @Test
    void rotatingBackDropsTheKeyFromTheReplacedOnes() {
        GatewayKeyRing ring = new GatewayKeyRing(first, START, GRACE);
        ring.rotate(second, START.plusSeconds(10));
        ring.rotate(first, START.plusSeconds(20));

        assertThat(ring.retired()).extracting(GatewayKeyRing.Retired::certificate).containsExactly(second.certificate());
    }

    @Test
    void rotatingToTheCurrentKeyChangesNothing() {
        GatewayKeyRing ring = new GatewayKeyRing(first, START, GRACE);

        ring.rotate(first, START.plusSeconds(10));

        assertThat(ring.retired()).isEmpty();
        assertThat(ring.currentSince()).isEqualTo(START);
    }
}
