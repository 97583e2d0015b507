package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ProviderUrl;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;

/** The summary's SLA sections from a real {@link GatewayMetrics}: rows per service with an sla, the sandbox's breaches. */
class SlaBreachesTest {

    private static final Provider PROVIDER = new Provider(new ProviderUrl("/sandbox/echo"),
            CertificateBinding.subject(Optional.empty(), Optional.of("990340000025")), Duration.ofSeconds(10));

    private final GatewayMetrics metrics = new GatewayMetrics(Set.of("A", "S")::contains, id -> false);
    private final List<Service> services = List.of(
            new Service("A", PROVIDER, Map.of(), false, ServiceMode.ASYNC, AsyncDelivery.PUSH, Optional.empty(),
                    Optional.empty(), Optional.of(Duration.ofMinutes(1))),
            new Service("S", PROVIDER, Map.of(), false, ServiceMode.SYNC));

    @Test
    void listsEveryServiceWithAnSlaAndItsBreachesByChannel() {
        metrics.slaBreach("A", "async");
        metrics.slaBreach("A", "async");

        List<Map<String, Object>> rows = new SlaBreaches(metrics, () -> services, Optional::empty).gateway();

        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("serviceId", "A")
                .containsEntry("sla", "1m").containsEntry("slaMs", 60_000L).containsEntry("sync", 0L)
                .containsEntry("async", 2L).containsEntry("breaches", 2L));
    }

    @Test
    void keepsABreachOfAServiceWhoseSlaWasRemoved() {
        metrics.slaBreach("S", "sync");

        List<Map<String, Object>> rows = new SlaBreaches(metrics, () -> services, Optional::empty).gateway();

        assertThat(rows).extracting(row -> row.get("serviceId")).containsExactly("A", "S");
        assertThat(rows.get(1)).containsEntry("sla", null).containsEntry("sync", 1L);
    }

    @Test
    void givesTheSandboxRegulationBreachesOnlyWhenOneRuns() {
        ApplicationSource sandbox = new ApplicationSource() {
            @Override
            public List<ApplicationView> applications() {
                return List.of();
            }

            @Override
            public Map<String, Long> regulationBreaches() {
                return Map.of("FILM_CERT", 3L);
            }
        };

        assertThat(new SlaBreaches(metrics, () -> services, Optional::empty).regulation()).isNull();
        assertThat(new SlaBreaches(metrics, () -> services, () -> Optional.of(sandbox)).regulation())
                .containsExactly(Map.of("service", "FILM_CERT", "breaches", 3L));
    }
}
