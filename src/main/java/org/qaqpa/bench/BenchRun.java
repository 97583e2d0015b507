package org.qaqpa.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qaqpa.storage.Directories;

/**
 * What every scenario does around its measurements: a fresh work directory (removed after a successful
 * run unless kept), progress lines on stderr, and the measured period against a child JVM — the closed
 * loop's figures and the child's CPU and heap while it ran, put into the report.
 */
final class BenchRun {

    private static final double MIB = 1024.0 * 1024.0;

    private final BenchSetup setup;
    private final PrintWriter progress;
    private Path work;

    /** @param progress where the steps are reported while the run goes on (stderr: stdout is the report's) */
    BenchRun(BenchSetup setup, PrintWriter progress) {
        this.setup = setup;
        this.progress = progress;
    }

    /** A new directory for this run's data, under the setup's work parent (the disk measured). */
    Path createWork() throws IOException {
        work = Files.createTempDirectory(Files.createDirectories(setup.workParent()), "qaqpa-bench-");
        progress("work directory %s", work);
        return work;
    }

    /** Removes the work directory of a successful run, unless it is to be kept. */
    void finish() throws IOException {
        if (!setup.keep() && work != null) {
            Directories.deleteTree(work);
        }
    }

    /**
     * Runs {@code call} at {@code concurrency} for {@code length} against {@code child} and puts the figures
     * into {@code report}: the load's under {@code prefix} ({@code rps}, {@code p50_ms}, … {@code errors}), the
     * child's CPU and heap under {@code process} ({@code gateway_cpu_cores}, {@code gateway_heap_peak_mb}, …, and the
     * heap still reachable after a full collection before and after the period, {@code gateway_heap_live_before_mb}
     * and {@code gateway_heap_live_after_mb}: the leak check of a long run),
     * the load generator's CPU as {@code prefix + client_cpu_cores}.
     */
    ClosedLoop.Result measure(ChildJvm child, int concurrency, Duration length, ClosedLoop.Call call, BenchReport report,
                              String prefix, String process) throws InterruptedException {
        ProcessVitals vitals = attach(child.pid());
        long liveBefore = vitals == null ? 0 : vitals.liveHeap();
        long childCpu = vitals == null ? 0 : vitals.cpuNanos();
        long clientCpu = ProcessVitals.ownCpuNanos();
        if (vitals != null) {
            vitals.startSampling();
        }
        ClosedLoop.Result result = ClosedLoop.run(concurrency, length, call);
        double window = seconds(result.elapsed().toNanos());
        report.put(prefix + "duration_s", window)
                .put(prefix + "accepted", result.accepted())
                .put(prefix + "errors", result.errors())
                .put(prefix + "error_kinds", describe(result.errorKinds()))
                .put(prefix + "pool_exhausted", result.exhausted())
                .put(prefix + "rps", result.perSecond())
                .put(prefix + "p50_ms", result.latencies().p50Ms())
                .put(prefix + "p95_ms", result.latencies().p95Ms())
                .put(prefix + "p99_ms", result.latencies().p99Ms())
                .put(prefix + "max_ms", result.latencies().maxMs());
        if (vitals != null) {
            report.put(process + "_cpu_cores", (vitals.cpuNanos() - childCpu) / (window * 1e9));
        }
        report.put(prefix + "client_cpu_cores", (ProcessVitals.ownCpuNanos() - clientCpu) / (window * 1e9));
        if (vitals != null) {
            report.put(process + "_heap_peak_mb", vitals.stopSampling() / MIB)
                    .put(process + "_heap_used_mb", vitals.heapUsed() / MIB)
                    .put(process + "_heap_max_mb", vitals.heapMax() / MIB)
                    .put(process + "_heap_live_before_mb", liveBefore / MIB)
                    .put(process + "_heap_live_after_mb", vitals.liveHeap() / MIB);
            try {
                vitals.close();
            } catch (IOException e) {
                progress("closing the JMX connection to pid %d failed: %s", child.pid(), e);
            }
        }
        return result;
    }

    /**
     * Warms {@code call} up at the load's warm-up concurrency for its warm-up time, then in steps of {@code step} while
     * {@code until} (may be null) is not done and the requests last; the report gets the warm-up's length and last rate. Fails when nothing was
     * accepted, since the measurement would then only count refusals.
     */
    ClosedLoop.Result warmUp(LoadShape load, ClosedLoop.Call call, Duration step, Future<?> until,
                             BenchReport report, ChildJvm child) throws InterruptedException {
        long start = System.nanoTime();
        ClosedLoop.Result warmup = ClosedLoop.run(load.warmupConcurrency(), load.warmup(), call);
        while (until != null && !until.isDone() && !warmup.exhausted()) {
            warmup = ClosedLoop.run(load.warmupConcurrency(), step, call);
        }
        report.put("warmup_s", seconds(System.nanoTime() - start))
                .put("warmup_concurrency", load.warmupConcurrency())
                .put("warmup_last_rps", warmup.perSecond());
        if (!load.warmup().isZero() && warmup.accepted() == 0) {
            throw new IllegalStateException("nothing was accepted during the warm-up: " + warmup.errorKinds()
                    + " (see " + child.output() + ")");
        }
        return warmup;
    }

    /** The child's vitals, or null (reported as missing) when this JVM cannot attach to it. */
    private ProcessVitals attach(long pid) {
        try {
            return ProcessVitals.attach(pid);
        } catch (Exception e) {
            progress("cannot read the CPU and heap of pid %d (attach failed: %s)", pid, e);
            return null;
        }
    }

    void progress(String format, Object... args) {
        progress.println("bench: " + String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    /** The pool {@code signing} signs, once it is done; its failure rethrown as it was. */
    static List<byte[]> signed(Future<List<byte[]>> signing) throws Exception {
        try {
            return signing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The requests again and again, endlessly. */
    static Iterator<byte[]> cycle(List<byte[]> requests) {
        return Stream.iterate(0, i -> (i + 1) % requests.size()).map(requests::get).iterator();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String describe(Map<String, Long> errorKinds) {
        return errorKinds.entrySet().stream().map(kind -> kind.getKey() + " x" + kind.getValue())
                .collect(Collectors.joining(", "));
    }
}
