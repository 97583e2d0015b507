package org.qaqpa.ops.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.ops.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/summary/history}: what happened in each of the last {@code admin.history-size} intervals of
 * {@code admin.history-interval}, for the dashboard's charts over time. Every interval a daemon thread reads the same
 * meters as {@link SummaryResource} and keeps the differences to the previous reading: requests answered and refused,
 * refusals by errorCode (the {@value #TOP_CODES} most frequent of the interval, the rest as {@value #OTHER}), the
 * latency percentiles of the interval, and the queue depth and dead letters at its end (gauges, not differences).
 *
 * <p>The interval's percentiles come from the request histogram's buckets: the cumulative count at each bucket bound
 * minus the count at the same bound one sample earlier is the interval's own histogram (Prometheus'
 * {@code histogram_quantile(q, rate(…[interval]))} does the same), and {@link SummaryResource#quantile} interpolates in
 * it. It needs the buckets to only grow, which the Prometheus registry's do (they never roll over); the interval's
 * largest latency is not known, so unlike the summary's they are not capped by it, and past the last bound (30 s)
 * they read as that bound.
 *
 * <p>Memory is bounded: a sample is a few numbers and at most {@value #TOP_CODES} + 1 codes, under 1 KB; the ring
 * keeps {@code history-size} of them (360 by default, under 400 KB) and drops the oldest. Kept in memory only: a
 * restart begins an empty history.
 */
public final class SummaryHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryHistory.class);
    /** Codes kept by name per sample; the others are added up under {@value #OTHER}. */
    static final int TOP_CODES = 4;
    static final String OTHER = "other";
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    /** The meters' totals at one moment. */
    private record Reading(Instant at, long answered, long refused, Map<String, Long> byCode, LatencyBuckets latency) {
    }

    /** One interval: its end, the differences to the reading before, the gauges at its end (null: unreadable). */
    private record Sample(Instant at, long answered, long refused, Map<String, Long> refusalsByCode, Double[] percentiles,
                          Long queued, Long deadLetters) {
    }

    private final MeterRegistry registry;
    private final Supplier<List<String>> refreshGauges;
    private final Duration interval;
    private final int size;
    private final Clock clock;
    private final ArrayDeque<Sample> samples;
    private Reading previous;
    private ScheduledExecutorService sampler;

    /**
     * A history whose first sample will count from now; nothing runs until {@link #tick()} (tests) or {@link #start}.
     *
     * @param refreshGauges reads the gauges' sources again and returns the problems ({@link GatewayMetrics#refreshGauges})
     */
    SummaryHistory(MeterRegistry registry, Supplier<List<String>> refreshGauges, Duration interval, int size, Clock clock) {
        this.registry = registry;
        this.refreshGauges = refreshGauges;
        this.interval = interval;
        this.size = size;
        this.clock = clock;
        this.samples = new ArrayDeque<>(size);
        this.previous = read();
    }

    /** Starts sampling the gateway's meters every {@code admin.history-interval} on a daemon thread. */
    public static SummaryHistory start(GatewayMetrics metrics, GatewayConfig.Admin config, Clock clock) {
        SummaryHistory history = new SummaryHistory(metrics.registry(), metrics::refreshGauges, config.historyInterval(),
                config.historySize(), clock);
        history.sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "qaqpa-summary-history");
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.historyInterval().toMillis();
        history.sampler.scheduleAtFixedRate(history::tickQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return history;
    }

    /** Takes one sample: the differences since the previous one, appended; the oldest dropped when full. */
    void tick() {
        List<String> problems = refreshGauges.get();
        Reading now = read();
        Sample sample = new Sample(now.at(), now.answered() - previous.answered(), now.refused() - previous.refused(),
                topCodes(now.byCode(), previous.byCode()), percentiles(now.latency().since(previous.latency())),
                problems.isEmpty() ? gaugeSum("qaqpa.async.queue.messages") : null,
                problems.isEmpty() ? gaugeSum("qaqpa.async.dlq.messages") : null);
        synchronized (samples) {
            if (samples.size() == size) {
                samples.removeFirst();
            }
            samples.addLast(sample);
        }
        previous = now;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // an exception would end the schedule: skip this sample, keep the next ones
            LOG.warn("summary history: a sample failed: {}", e.toString());
        }
    }

    /** The answer of {@code GET /admin/summary/history}, oldest sample first. */
    Map<String, Object> history() {
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        List<Map<String, Object>> points = new ArrayList<>(copy.size());
        for (Sample sample : copy) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("at", sample.at().toString());
            point.put("answered", sample.answered());
            point.put("refused", sample.refused());
            point.put("refusalsByCode", sample.refusalsByCode());
            for (int i = 0; i < QUANTILES.length; i++) {
                point.put("p" + Math.round(QUANTILES[i] * 100) + "Ms", sample.percentiles()[i]);
            }
            point.put("queued", sample.queued());
            point.put("deadLetters", sample.deadLetters());
            points.add(point);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intervalMs", interval.toMillis());
        answer.put("size", size);
        answer.put("points", points);
        return answer;
    }

    private Reading read() {
        long answered = 0;
        long refused = 0;
        for (Counter counter : registry.find("qaqpa.requests").counters()) {
            if (GatewayMetrics.OK.equals(counter.getId().getTag("outcome"))) {
                answered += (long) counter.count();
            } else {
                refused += (long) counter.count();
            }
        }
        Map<String, Long> byCode = new HashMap<>();
        for (Counter counter : registry.find("qaqpa.errors").counters()) {
            byCode.merge(counter.getId().getTag("error_code"), (long) counter.count(), Long::sum);
        }
        return new Reading(clock.instant(), answered, refused, byCode,
                LatencyBuckets.of(registry.find("qaqpa.request.duration").timers()));
    }

    /** The interval's refusals by code, most frequent first, the {@value #TOP_CODES} first by name. */
    private static Map<String, Long> topCodes(Map<String, Long> now, Map<String, Long> before) {
        List<Map.Entry<String, Long>> deltas = new ArrayList<>();
        now.forEach((code, count) -> {
            long delta = count - before.getOrDefault(code, 0L);
            if (delta > 0) {
                deltas.add(Map.entry(code, delta));
            }
        });
        deltas.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        long other = 0;
        for (int i = 0; i < deltas.size(); i++) {
            if (i < TOP_CODES) {
                top.put(deltas.get(i).getKey(), deltas.get(i).getValue());
            } else {
                other += deltas.get(i).getValue();
            }
        }
        if (other > 0) {
            top.put(OTHER, other);
        }
        return top;
    }

    /** p50, p95, p99 of the interval in ms, null when it had no request. */
    private static Double[] percentiles(LatencyBuckets interval) {
        Double[] values = new Double[QUANTILES.length];
        for (int i = 0; i < QUANTILES.length; i++) {
            values[i] = interval.count() == 0 ? null : SummaryResource.round(interval.quantile(QUANTILES[i]));
        }
        return values;
    }

    private long gaugeSum(String name) {
        return registry.find(name).gauges().stream().mapToLong(gauge -> (long) gauge.value()).sum();
    }

    @Override
    public void close() throws InterruptedException {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
