package org.qaqpa.ops;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.qaqpa.registry.Member;
import org.qaqpa.security.pki.NcaSubject;

/**
 * {@code qaqpa_certificate_expiry_days{role, owner, serial}}: days until each certificate that matters to the
 * gateway expires (negative once it has), computed at every scrape — the gateway's own signing certificate
 * ({@code role="gateway"}), the certificates members are bound to in members.yaml ({@code role="member"},
 * owner = senderId; current after a reload), and the trust anchors ({@code role="trust_anchor"}, owner = the
 * anchor's common name).
 */
public final class CertificateExpiryGauges {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final Optional<X509Certificate> gateway;
    private final List<X509Certificate> anchors;
    private final Supplier<Collection<Member>> members;
    private final Clock clock;
    private final MultiGauge expiry;

    /**
     * @param gateway the gateway's signing certificate (empty when it does not sign: require-signature false)
     * @param anchors the trust anchors signer paths end in
     * @param members the registered members, read at every scrape
     */
    public CertificateExpiryGauges(GatewayMetrics metrics, Optional<X509Certificate> gateway, List<X509Certificate> anchors,
                                   Supplier<Collection<Member>> members, Clock clock) {
        this.gateway = gateway;
        this.anchors = List.copyOf(anchors);
        this.members = members;
        this.clock = clock;
        this.expiry = MultiGauge.builder("qaqpa.certificate.expiry.days")
                .description("Days until the certificate expires (negative when it has) by role, owner and serial number")
                .register(metrics.registry());
        metrics.beforeScrape(this::refresh);
    }

    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        gateway.ifPresent(certificate -> rows.add(row("gateway", "gateway", certificate)));
        for (X509Certificate anchor : anchors) {
            rows.add(row("trust_anchor", NcaSubject.of(anchor.getSubjectX500Principal()).commonName(), anchor));
        }
        for (Member member : members.get()) {
            for (X509Certificate bound : member.certificates().certificates()) {
                rows.add(row("member", member.senderId(), bound));
            }
        }
        expiry.register(rows, true);
    }

    private MultiGauge.Row<?> row(String role, String owner, X509Certificate certificate) {
        double days = (certificate.getNotAfter().toInstant().getEpochSecond() - clock.instant().getEpochSecond())
                / SECONDS_PER_DAY;
        return MultiGauge.Row.of(Tags.of("role", role, "owner", owner == null ? GatewayMetrics.NONE : owner,
                "serial", certificate.getSerialNumber().toString(16)), days);
    }
}
