package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qaqpa.ops.GatewayMetrics;

/** {@code GET /admin/summary}'s figures from a real {@link GatewayMetrics}: counts, errors, percentiles, gauges. */
@SuppressWarnings("unchecked")
class SummaryResourceTest {

    private final GatewayMetrics metrics = new GatewayMetrics(Set.of("TEST_SERVICE_ID")::contains, Set.of("dev-client")::contains);
    private final SummaryResource resource = new SummaryResource(metrics,
            Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void countsRequestsAndErrorsByCodeMostFrequentFirst() {
        request(null, 12);
        request("SENDER_UNKNOWN", 3);
        request("SIGNATURE_INVALID", 3);
        request("SIGNATURE_INVALID", 3);
        metrics.request("async", "sendMessage", "TEST_SERVICE_ID", "dev-client", "SIGNATURE_INVALID", TimeUnit.MILLISECONDS.toNanos(4));

        Map<String, Object> summary = resource.summary();

        assertThat(summary.get("requests")).isEqualTo(Map.of("total", 5L, "ok", 1L, "fault", 4L));
        assertThat((List<Map<String, Object>>) summary.get("errors")).containsExactly(
                Map.of("errorCode", "SIGNATURE_INVALID", "count", 3L), Map.of("errorCode", "SENDER_UNKNOWN", "count", 1L));
        assertThat((List<Map<String, Object>>) summary.get("services")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("serviceId", "TEST_SERVICE_ID")
                        .containsEntry("ok", 1L).containsEntry("fault", 4L));
        assertThat(summary).containsEntry("at", "2026-12-06T10:00:00Z").containsEntry("problems", List.of());
    }

    @Test
    void computesPercentilesFromTheHistogramBuckets() {
        for (int i = 0; i < 90; i++) {
            request(null, 7); // bucket (5, 10] ms
        }
        for (int i = 0; i < 10; i++) {
            request(null, 900); // bucket (500, 1000] ms
        }

        Map<String, Object> latency = (Map<String, Object>) resource.summary().get("latency");

        assertThat(latency).containsEntry("count", 100L).containsEntry("maxMs", 900.0);
        // rank 50 of 90 in (5, 10]: 5 + 5 * 50/90
        assertThat((double) latency.get("p50Ms")).isEqualTo(7.8);
        // rank 95: 5 of the 10 in (500, 1000]
        assertThat((double) latency.get("p95Ms")).isEqualTo(750.0);
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) latency.get("buckets");
        assertThat(buckets).contains(Map.of("leMs", 10.0, "count", 90L), Map.of("leMs", 1000.0, "count", 10L));
        assertThat(buckets.get(buckets.size() - 1)).containsEntry("count", 0L);
    }

    @Test
    void showsNoPercentileAboveTheLargestLatency() {
        request(null, 7);
        request(null, 1200); // bucket (1000, 2500] ms: p99 interpolates to about 2485

        Map<String, Object> latency = (Map<String, Object>) resource.summary().get("latency");

        assertThat(latency).containsEntry("p99Ms", 1200.0).containsEntry("maxMs", 1200.0);
    }

    @Test
    void hasNoPercentilesWithoutRequests() {
        Map<String, Object> latency = (Map<String, Object>) resource.summary().get("latency");

        assertThat(latency).containsEntry("count", 0L).containsEntry("p99Ms", null);
    }

    @Test
    void readsPastTheLastBoundAsThatBound() {
        TreeMap<Double, Double> cumulative = new TreeMap<>(Map.of(10.0, 1.0, 30_000.0, 1.0));

        assertThat(SummaryResource.quantile(0.99, cumulative, 2)).isEqualTo(30_000.0);
    }

    @Test
    void listsQueuesAndCertificatesSoonestExpiryFirstAfterRefreshingTheGauges() {
        MultiGauge queues = MultiGauge.builder("qaqpa.async.queue.messages").register(metrics.registry());
        MultiGauge expiry = MultiGauge.builder("qaqpa.certificate.expiry.days").register(metrics.registry());
        metrics.beforeScrape(() -> {
            queues.register(List.of(MultiGauge.Row.of(Tags.of("queue", "qaqpa.async.delivery"), 3)), true);
            expiry.register(List.of(
                    MultiGauge.Row.of(Tags.of("role", "gateway", "owner", "gateway", "serial", "a1"), 300.4),
                    MultiGauge.Row.of(Tags.of("role", "member", "owner", "dev-client", "serial", "b2"), 6.9)), true);
        });
        metrics.beforeScrape(() -> {
            throw new IllegalStateException("cannot read the async queues: broker down");
        });

        Map<String, Object> summary = resource.summary();

        assertThat(summary.get("queues")).isEqualTo(List.of(Map.of("queue", "qaqpa.async.delivery", "messages", 3L)));
        assertThat((List<Map<String, Object>>) summary.get("certificates")).extracting(row -> row.get("owner"), row -> row.get("daysToExpiry"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dev-client", 6L), org.assertj.core.groups.Tuple.tuple("gateway", 300L));
        assertThat(summary).containsEntry("certificatesTotal", 2)
                .containsEntry("problems", List.of("cannot read the async queues: broker down"));
    }

    private void request(String errorCode, long millis) {
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", errorCode, TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
