package org.qaqpa.ops.admin;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency timers' histograms added up (they share the gateway's bucket bounds): the cumulative count at each finite
 * bound in milliseconds, the count and the largest latency seen. The summary reads it since the start; the history
 * subtracts two readings to get one interval's buckets.
 *
 * @param cumulative requests at or below each finite bound (ms), the +Inf bucket left out ({@code count} is it)
 */
record LatencyBuckets(TreeMap<Double, Double> cumulative, long count, double maxMs) {

    static final LatencyBuckets NONE = new LatencyBuckets(new TreeMap<>(), 0, 0);

    static LatencyBuckets of(Iterable<Timer> timers) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        long count = 0;
        double max = 0;
        for (Timer timer : timers) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            count += snapshot.count();
            max = Math.max(max, snapshot.max(TimeUnit.MILLISECONDS));
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                if (!Double.isInfinite(bucket.bucket())) {
                    cumulative.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
                }
            }
        }
        return new LatencyBuckets(cumulative, count, max);
    }

    /**
     * What was recorded after {@code earlier}: the bucket counts and the count subtracted. The largest latency of the
     * interval is not known (a histogram keeps no maximum per interval), so it is {@code NaN}.
     */
    LatencyBuckets since(LatencyBuckets earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            delta.put(bucket.getKey(), bucket.getValue() - earlier.cumulative.getOrDefault(bucket.getKey(), 0.0));
        }
        return new LatencyBuckets(delta, count - earlier.count, Double.NaN);
    }

    /** The {@code q}-quantile in ms, as {@link SummaryResource#quantile} computes it; NaN without requests. */
    double quantile(double q) {
        return count == 0 ? Double.NaN : SummaryResource.quantile(q, cumulative, count);
    }
}
