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
 * owner = senderId; current after a reload), the trust anchors, current after an upload or removal ({@code role="trust_anchor"}, owner = the
 * anchor's common name), and the certificate the HTTPS listener presents ({@code role="tls_server"}, owner = its
 * common name; none on plain HTTP).
 */
public final class CertificateExpiryGauges {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final Supplier<Optional<X509Certificate>> gateway;
    private final Supplier<List<X509Certificate>> anchors;
    private final Supplier<Collection<Member>> members;
    private final Supplier<List<X509Certificate>> tlsServer;
    private final Clock clock;
    private final MultiGauge expiry;

    /**
     * @param gateway the gateway's signing certificate (empty when it does not sign: require-signature false), read at
     *                every scrape (a rotated key is shown from the next scrape on)
     * @param anchors the trust anchors signer paths end in, read at every scrape (anchors change through the admin API)
     * @param members the registered members, read at every scrape
     * @param tlsServer the certificates the HTTPS listener presents ({@code server.tls}), empty on plain HTTP
     */
    public CertificateExpiryGauges(GatewayMetrics metrics, Supplier<Optional<X509Certificate>> gateway,
                                   Supplier<List<X509Certificate>> anchors, Supplier<Collection<Member>> members,
                                   Supplier<List<X509Certificate>> tlsServer, Clock clock) {
        this.gateway = gateway;
        this.anchors = anchors;
        this.members = members;
        this.tlsServer = tlsServer;
        this.clock = clock;
        this.expiry = MultiGauge.builder("qaqpa.certificate.expiry.days")
                .description("Days until the certificate expires (negative when it has) by role, owner and serial number")
                .register(metrics.registry());
        metrics.beforeScrape(this::refresh);
    }

    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        gateway.get().ifPresent(certificate -> rows.add(row("gateway", "gateway", certificate)));
        for (X509Certificate anchor : anchors.get()) {
            rows.add(row("trust_anchor", NcaSubject.of(anchor.getSubjectX500Principal()).commonName(), anchor));
        }
        for (Member member : members.get()) {
            for (X509Certificate bound : member.certificates().certificates()) {
                rows.add(row("member", member.senderId(), bound));
            }
        }
        for (X509Certificate served : tlsServer.get()) {
            rows.add(row("tls_server", NcaSubject.of(served.getSubjectX500Principal()).commonName(), served));
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
