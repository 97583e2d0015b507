package org.qaqpa.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The latencies of one client of a {@link ClosedLoop}, in nanoseconds. Every value is kept (a run is
 * bounded in count), so the percentiles are exact, not estimated from buckets; one instance per client
 * thread, merged once the phase is over, so recording needs no lock.
 */
final class Latencies {

    private long[] values = new long[1024];
    private int count;

    void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    /** The percentiles of all clients' latencies together. */
    static Summary summarise(List<Latencies> clients) {
        int total = clients.stream().mapToInt(client -> client.count).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies client : clients) {
            System.arraycopy(client.values, 0, all, at, client.count);
            at += client.count;
        }
        Arrays.sort(all);
        return new Summary(total, percentile(all, 50), percentile(all, 95), percentile(all, 99),
                total == 0 ? 0 : millis(all[total - 1]));
    }

    /** Nearest-rank percentile, in milliseconds; 0 when nothing was recorded. */
    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return millis(sorted[Math.max(0, rank - 1)]);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Latency percentiles of the accepted calls, in milliseconds. */
    record Summary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }
}
