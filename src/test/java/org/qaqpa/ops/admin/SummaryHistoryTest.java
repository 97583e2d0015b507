package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link SummaryHistory} over a {@link SimpleMeterRegistry} holding the gateway's meter names, ticked by hand: the
 * differences per interval, the ring dropping the oldest sample, and percentiles from the buckets' differences.
 * The registry's clock stands still, so its histogram never rolls over.
 */
@SuppressWarnings("unchecked")
class SummaryHistoryTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final List<String> gaugeProblems = new ArrayList<>();

    SummaryHistoryTest() {
        Gauge.builder("qaqpa.async.queue.messages", queued, AtomicLong::get).tag("queue", "qaqpa.async.delivery").register(registry);
        Gauge.builder("qaqpa.async.dlq.messages", deadLetters, AtomicLong::get).tag("queue", "qaqpa.async.dlq").register(registry);
    }

    private SummaryHistory history(int size) {
        return new SummaryHistory(registry, () -> List.copyOf(gaugeProblems), Duration.ofSeconds(10), size,
                Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void keepsTheDifferencesOfEachIntervalAndTheGaugesAtItsEnd() {
        answered(5, 7);
        SummaryHistory history = history(10);
        answered(3, 7);
        refused("SENDER_UNKNOWN", 2);
        queued.set(4);
        deadLetters.set(1);
        history.tick();
        refused("SIGNATURE_INVALID", 1);
        history.tick();

        Map<String, Object> answer = history.history();

        assertThat(answer).containsEntry("intervalMs", 10_000L).containsEntry("size", 10);
        List<Map<String, Object>> points = (List<Map<String, Object>>) answer.get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0)).containsEntry("at", "2026-12-06T10:00:00Z").containsEntry("answered", 3L)
                .containsEntry("refused", 2L).containsEntry("refusalsByCode", Map.of("SENDER_UNKNOWN", 2L))
                .containsEntry("queued", 4L).containsEntry("deadLetters", 1L);
        assertThat(points.get(1)).containsEntry("answered", 0L).containsEntry("refused", 1L)
                .containsEntry("refusalsByCode", Map.of("SIGNATURE_INVALID", 1L))
                .containsEntry("p50Ms", 2.5).containsEntry("p95Ms", 4.8); // one request in (0, 5] ms: 5 * 0.5, 5 * 0.95
    }

    @Test
    void dropsTheOldestSampleWhenTheRingIsFull() {
        SummaryHistory history = history(3);
        for (int i = 1; i <= 5; i++) {
            answered(i, 7);
            history.tick();
        }

        List<Map<String, Object>> points = (List<Map<String, Object>>) history.history().get("points");

        assertThat(points).extracting(point -> point.get("answered")).containsExactly(3L, 4L, 5L);
    }

    @Test
    void computesTheIntervalsPercentilesFromTheBucketsDifferences() {
        SummaryHistory history = history(10);
        answered(100, 900); // the first interval: all in (500, 1000] ms
        history.tick();
        answered(90, 7); // the second: 90 in (5, 10] ms
        answered(10, 900); // and 10 in (500, 1000] ms
        history.tick();
        history.tick(); // the third: no request

        List<Map<String, Object>> points = (List<Map<String, Object>>) history.history().get("points");

        assertThat(points.get(0)).containsEntry("p50Ms", 750.0).containsEntry("p99Ms", 995.0);
        // rank 50 of 90 in (5, 10]: 5 + 5 * 50/90; the first interval's slow requests are not counted again
        assertThat(points.get(1)).containsEntry("p50Ms", 7.8).containsEntry("p95Ms", 750.0);
        assertThat(points.get(2)).containsEntry("p50Ms", null).containsEntry("p95Ms", null).containsEntry("p99Ms", null);
    }

    @Test
    void keepsTheFourMostFrequentCodesByNameAndAddsUpTheRest() {
        SummaryHistory history = history(10);
        refused("A_CODE", 5);
        refused("B_CODE", 4);
        refused("C_CODE", 3);
        refused("D_CODE", 2);
        refused("E_CODE", 1);
        refused("F_CODE", 1);
        history.tick();

        Map<String, Object> point = ((List<Map<String, Object>>) history.history().get("points")).get(0);

        assertThat((Map<String, Long>) point.get("refusalsByCode")).containsExactly(Map.entry("A_CODE", 5L),
                Map.entry("B_CODE", 4L), Map.entry("C_CODE", 3L), Map.entry("D_CODE", 2L), Map.entry(SummaryHistory.OTHER, 2L));
    }

    @Test
    void leavesTheQueuesEmptyWhenTheBrokerCannotBeRead() {
        SummaryHistory history = history(10);
        gaugeProblems.add("broker down");
        history.tick();

        Map<String, Object> point = ((List<Map<String, Object>>) history.history().get("points")).get(0);

        assertThat(point).containsEntry("queued", null).containsEntry("deadLetters", null);
    }

    /** {@code n} answered requests of {@code millis} each, with the gateway's meter names and bucket bounds. */
    private void answered(int n, long millis) {
        Counter counter = Counter.builder("qaqpa.requests").tag("outcome", "ok").tag("error_code", "none").register(registry);
        counter.increment(n);
        for (int i = 0; i < n; i++) {
            latency().record(millis, TimeUnit.MILLISECONDS);
        }
    }

    private void refused(String errorCode, int n) {
        Counter.builder("qaqpa.requests").tag("outcome", "fault").tag("error_code", errorCode).register(registry).increment(n);
        Counter.builder("qaqpa.errors").tag("channel", "sync").tag("error_code", errorCode).register(registry).increment(n);
        for (int i = 0; i < n; i++) {
            latency().record(3, TimeUnit.MILLISECONDS);
        }
    }

    private Timer latency() {
        return Timer.builder("qaqpa.request.duration").serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(500), Duration.ofSeconds(1)).register(registry);
    }
}
