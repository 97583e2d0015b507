package org.qaqpa.ops.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qaqpa.ops.GatewayMetrics;

/**
 * {@code GET /admin/summary}: the dashboard's figures, read from the same meters {@code /metrics} serves (so the
 * console and Prometheus never disagree), counted since this gateway started: requests by outcome and service,
 * refusals by errorCode, latency percentiles from the request histogram, queue depths and dead letters, and the
 * certificates that expire soonest.
 *
 * <p>Percentiles are computed from the histogram's buckets as Prometheus' {@code histogram_quantile} does
 * (linear within the bucket the rank falls in, at most the largest latency seen), not kept by the gateway: exact percentiles would need a sliding
 * sketch per series on the request path, and the buckets are already there.
 */
final class SummaryResource {

    /** Certificates in the answer, soonest expiry first; {@code certificatesTotal} says how many there are. */
    static final int CERTIFICATES = 20;
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final GatewayMetrics metrics;
    private final Clock clock;
    private final SlaBreaches slas;

    SummaryResource(GatewayMetrics metrics, Clock clock) {
        this(metrics, clock, SlaBreaches.none(metrics));
    }

    SummaryResource(GatewayMetrics metrics, Clock clock, SlaBreaches slas) {
        this.metrics = metrics;
        this.clock = clock;
        this.slas = slas;
    }

    Map<String, Object> summary() {
        List<String> problems = metrics.refreshGauges();
        MeterRegistry registry = metrics.registry();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("at", clock.instant().toString());
        answer.put("requests", requests(registry));
        answer.put("services", services(registry));
        answer.put("errors", errors(registry));
        answer.put("latency", latency(registry.find("qaqpa.request.duration").timers()));
        answer.put("queues", gauges(registry, "qaqpa.async.queue.messages"));
        answer.put("deadLetterQueues", gauges(registry, "qaqpa.async.dlq.messages"));
        List<Map<String, Object>> certificates = certificates(registry);
        answer.put("certificates", certificates.subList(0, Math.min(CERTIFICATES, certificates.size())));
        answer.put("certificatesTotal", certificates.size());
        answer.put("slaBreaches", slas.gateway());
        answer.put("regulationBreaches", slas.regulation());
        answer.put("problems", problems);
        return answer;
    }

    private static Map<String, Object> requests(MeterRegistry registry) {
        long ok = 0;
        long fault = 0;
        for (Counter counter : registry.find("qaqpa.requests").counters()) {
            if (GatewayMetrics.OK.equals(counter.getId().getTag("outcome"))) {
                ok += (long) counter.count();
            } else {
                fault += (long) counter.count();
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", ok + fault);
        answer.put("ok", ok);
        answer.put("fault", fault);
        return answer;
    }

    /** Per serviceId: answered and refused requests and the latency percentiles, busiest first. */
    private static List<Map<String, Object>> services(MeterRegistry registry) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Counter counter : registry.find("qaqpa.requests").counters()) {
            long[] okFault = counts.computeIfAbsent(counter.getId().getTag("service_id"), id -> new long[2]);
            okFault[GatewayMetrics.OK.equals(counter.getId().getTag("outcome")) ? 0 : 1] += (long) counter.count();
        }
        Map<String, List<Timer>> timers = new TreeMap<>();
        for (Timer timer : registry.find("qaqpa.request.duration").timers()) {
            timers.computeIfAbsent(timer.getId().getTag("service_id"), id -> new ArrayList<>()).add(timer);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((serviceId, okFault) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("serviceId", serviceId);
            row.put("ok", okFault[0]);
            row.put("fault", okFault[1]);
            Map<String, Object> latency = latency(timers.getOrDefault(serviceId, List.of()));
            for (String key : List.of("p50Ms", "p95Ms", "p99Ms")) {
                row.put(key, latency.get(key));
            }
            rows.add(row);
        });
        rows.sort(Comparator.comparingLong((Map<String, Object> row) -> (long) row.get("ok") + (long) row.get("fault"))
                .reversed());
        return rows;
    }

    /** Refusals by errorCode (both channels together), most frequent first. */
    private static List<Map<String, Object>> errors(MeterRegistry registry) {
        Map<String, Long> byCode = new TreeMap<>();
        for (Counter counter : registry.find("qaqpa.errors").counters()) {
            byCode.merge(counter.getId().getTag("error_code"), (long) counter.count(), Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byCode.forEach((code, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("errorCode", code);
            row.put("count", count);
            rows.add(row);
        });
        rows.sort(Comparator.comparingLong((Map<String, Object> row) -> (long) row.get("count")).reversed());
        return rows;
    }

    /**
     * The series' histograms added up (they share the gateway's bucket bounds): count, percentiles, the largest
     * latency seen, and the requests per bucket (not cumulative) for a chart.
     */
    static Map<String, Object> latency(Iterable<Timer> timers) {
        LatencyBuckets histogram = LatencyBuckets.of(timers);
        TreeMap<Double, Double> cumulative = histogram.cumulative();
        long count = histogram.count();
        double max = histogram.maxMs();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", count);
        for (double q : QUANTILES) {
            // interpolation within a wide bucket can land above the largest latency seen: never show more than that
            answer.put("p" + Math.round(q * 100) + "Ms", count == 0 ? null
                    : round(Math.min(max, quantile(q, cumulative, count))));
        }
        answer.put("maxMs", count == 0 ? null : round(max));
        List<Map<String, Object>> buckets = new ArrayList<>();
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            buckets.add(bucket(bucket.getKey(), Math.round(bucket.getValue() - below)));
            below = bucket.getValue();
        }
        buckets.add(bucket(null, Math.round(count - below)));
        answer.put("buckets", buckets);
        return answer;
    }

    /**
     * The {@code q}-quantile from cumulative bucket counts, as Prometheus' {@code histogram_quantile}: linear
     * between the bounds of the bucket the rank falls in; past the last finite bound, that bound.
     */
    static double quantile(double q, TreeMap<Double, Double> cumulative, long count) {
        double rank = q * count;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                double inBucket = bucket.getValue() - below;
                return inBucket == 0 ? bucket.getKey() : lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower;
    }

    private static Map<String, Object> bucket(Double upperMs, long count) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("leMs", upperMs == null ? null : round(upperMs));
        row.put("count", count);
        return row;
    }

    private static List<Map<String, Object>> gauges(MeterRegistry registry, String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Gauge gauge : registry.find(name).gauges()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("queue", gauge.getId().getTag("queue"));
            row.put("messages", (long) gauge.value());
            rows.add(row);
        }
        rows.sort(Comparator.comparing(row -> (String) row.get("queue")));
        return rows;
    }

    /** Every certificate of the expiry gauge, soonest first; days truncated as {@code GET /admin/keys} does. */
    private static List<Map<String, Object>> certificates(MeterRegistry registry) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Gauge gauge : registry.find("qaqpa.certificate.expiry.days").gauges()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("role", gauge.getId().getTag("role"));
            row.put("owner", gauge.getId().getTag("owner"));
            row.put("serial", gauge.getId().getTag("serial"));
            row.put("daysToExpiry", (long) gauge.value());
            rows.add(row);
        }
        rows.sort(Comparator.comparingLong(row -> (long) row.get("daysToExpiry")));
        return rows;
    }

    static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
