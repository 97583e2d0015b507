package org.qaqpa.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.PasswordHash;
import org.qaqpa.security.pki.DevPki;

/**
 * Days to expiry of the gateway's certificate, the trust anchors, members' bound certificates and the HTTPS listener's
 * certificate, at each scrape.
 */
class CertificateExpiryGaugesTest {

    private static DevPki pki;
    private static PasswordHash hash;

    @BeforeAll
    static void makePki() {
        pki = DevPki.generate(Clock.systemUTC());
        hash = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
    }

    @Test
    void reportsDaysUntilEachCertificateExpires() {
        X509Certificate gateway = pki.gateway().certificate();
        X509Certificate root = pki.root().certificate();
        X509Certificate member = pki.legalEntity().certificate();
        Instant now = gateway.getNotAfter().toInstant().minus(Duration.ofHours(36));
        List<Member> members = List.of(memberBoundTo("dev-client", member));
        GatewayMetrics metrics = GatewayMetrics.unused();
        X509Certificate served = pki.legalEntity().certificate();
        new CertificateExpiryGauges(metrics, () -> Optional.of(gateway), () -> List.of(root), () -> members,
                () -> List.of(served), Clock.fixed(now, ZoneOffset.UTC));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("qaqpa_certificate_expiry_days", Map.of("role", "gateway", "owner", "gateway",
                "serial", gateway.getSerialNumber().toString(16)))).isCloseTo(1.5, within(1e-6));
        assertThat(text.value("qaqpa_certificate_expiry_days", Map.of("role", "trust_anchor", "owner",
                "QAQPA DEV ROOT CA (RSA)"))).isCloseTo(days(now, root), within(1e-6));
        assertThat(text.value("qaqpa_certificate_expiry_days", Map.of("role", "member", "owner", "dev-client",
                "serial", member.getSerialNumber().toString(16)))).isCloseTo(days(now, member), within(1e-6));
        assertThat(text.value("qaqpa_certificate_expiry_days", Map.of("role", "tls_server",
                "serial", served.getSerialNumber().toString(16)))).isCloseTo(days(now, served), within(1e-6));
    }

    @Test
    void followsTheMemberRegistryAcrossReloads() {
        List<Member> members = new ArrayList<>(List.of(memberBoundTo("dev-client", pki.legalEntity().certificate())));
        GatewayMetrics metrics = GatewayMetrics.unused();
        Collection<Member> view = members;
        new CertificateExpiryGauges(metrics, Optional::empty, List::of, () -> List.copyOf(view), List::of,
                Clock.systemUTC());
        assertThat(PrometheusText.parse(metrics.scrape()).samples("qaqpa_certificate_expiry_days",
                Map.of("owner", "dev-client"))).hasSize(1);

        members.clear();
        members.add(memberBoundTo("dev-individual", pki.individual().certificate()));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.samples("qaqpa_certificate_expiry_days", Map.of("owner", "dev-client"))).isEmpty();
        assertThat(text.samples("qaqpa_certificate_expiry_days", Map.of("owner", "dev-individual"))).hasSize(1);
        assertThat(text.samples("qaqpa_certificate_expiry_days", Map.of("role", "gateway"))).isEmpty();
    }

    private static Member memberBoundTo(String senderId, X509Certificate certificate) {
        return new Member(senderId, hash, CertificateBinding.certificates(List.of(certificate)), Set.of(), OptionalInt.empty());
    }

    private static double days(Instant now, X509Certificate certificate) {
        return (certificate.getNotAfter().toInstant().getEpochSecond() - now.getEpochSecond()) / 86400.0;
    }
}
