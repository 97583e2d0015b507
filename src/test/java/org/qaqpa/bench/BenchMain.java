package org.qaqpa.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.qaqpa.security.pki.ValidatedSigner;

/**
 * Runs the micro-benchmarks of the hot pieces through JMH ({@link SignVerifyBench}, {@link ParseBench},
 * {@link MessageLogWriteBench}), prints each one's throughput as a ratio of its baseline from the same
 * run (XML signatures ÷ raw {@code java.security.Signature}, the gateway's parse ÷ the JDK's, a message-log
 * row ÷ a plain JDBC insert), then signs and verifies the 2 KB request 10,000 times in a plain loop and
 * prints the heap in use (after GC) before and after.
 *
 * <p>Defaults suit a shared 2-core machine: 1 fork, 8 warm-up and 5 measured iterations of 2 s.
 * The warm-up is long because the verify-with-certificate path (Bouncy Castle's PKIX code) reaches
 * its plateau only after about 15 s of JIT compilation on two cores; with 3 iterations it measured
 * a quarter low.
 * Any JMH command-line option overrides them ({@code -f 3 -wi 5 -i 10 -r 5s -prof gc}, a benchmark
 * regex); {@code --no-heap} skips the loop, {@code --heap-only} runs only the loop,
 * {@code --round-trips N} changes its length.
 */
public final class BenchMain {

    /** What runs when the command line names no benchmark. */
    static final List<Class<?>> BENCHMARKS = List.of(SignVerifyBench.class, ParseBench.class, MessageLogWriteBench.class);

    /** The heading of each benchmark class's table. */
    private static final Map<String, String> TITLES = Map.of(
            "SignVerifyBench", "2 KB SendMessage, RSA-2048, one thread",
            "ParseBench", "signed SendMessage (size before signing), one thread",
            "MessageLogWriteBench", "one 5 KB request row per operation, H2 file, WRITE_DELAY=0 (ms/op: per writer)");
    private static final String RAW_SHARE = "the raw operation takes %.1f%% of the XML operation's time";

    private static final int DEFAULT_ROUND_TRIPS = 10_000;
    private static final int HEAP_WARM_UP = 200;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean jmh = true;
        boolean heap = true;
        int roundTrips = DEFAULT_ROUND_TRIPS;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-heap" -> heap = false;
                case "--heap-only" -> jmh = false;
                case "--round-trips" -> roundTrips = Integer.parseInt(args[++i]);
                default -> jmhArgs.add(args[i]);
            }
        }
        if (jmh && !runJmh(jmhArgs.toArray(String[]::new))) {
            System.exit(1);
        }
        if (heap) {
            heapCheck(roundTrips);
        }
    }

    /** False if JMH failed; the JMH options come from the command line, with this machine's defaults for the rest. */
    private static boolean runJmh(String[] args) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH option: " + e.getMessage());
            return false;
        }
        if (cli.shouldHelp()) {
            System.out.println("BenchMain [--no-heap | --heap-only] [--round-trips N] [JMH options]");
            cli.showHelp();
            System.exit(0);
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(defaultIncludes());
        }
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(8);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(2));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(2));
        }
        if (!cli.shouldFailOnError().hasValue()) {
            options.shouldFailOnError(true); // a benchmark that throws would otherwise just be missing from the table
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            System.err.println("JMH failed: " + e.getMessage());
            return false;
        }
        printRatios(results);
        return true;
    }

    /** A regex JMH matches against {@code class.method}: every method of the {@link #BENCHMARKS}. */
    static String defaultIncludes() {
        return BENCHMARKS.stream().map(c -> Pattern.quote(c.getName() + ".")).collect(Collectors.joining("|", "^(", ")"));
    }

    private static void printRatios(Collection<RunResult> results) {
        // benchmark class's simple name → label ("method" or "method size=2KB") → primary result
        Map<String, Map<String, Result<?>>> byClass = new LinkedHashMap<>();
        BENCHMARKS.forEach(c -> byClass.put(c.getSimpleName(), new LinkedHashMap<>())); // their order, not JMH's
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
            String label = method + result.getParams().getParamsKeys().stream()
                    .map(key -> " " + key + "=" + result.getParams().getParam(key)).collect(Collectors.joining());
            byClass.computeIfAbsent(owner.substring(owner.lastIndexOf('.') + 1), k -> new LinkedHashMap<>())
                    .put(label, result.getPrimaryResult());
            threads.put(label, result.getParams().getThreads());
        }
        byClass.forEach((owner, byName) -> {
            if (byName.isEmpty()) {
                return;
            }
            System.out.println();
            System.out.println("== " + owner + ": " + TITLES.getOrDefault(owner, "") + " ==");
            System.out.printf(Locale.ROOT, "%-32s %8s %12s %10s %12s%n", "benchmark", "threads", "ops/s", "± (99.9%)", "ms/op");
            byName.forEach((name, r) -> System.out.printf(Locale.ROOT, "%-32s %8d %12.1f %10.1f %12.4f%n",
                    name, threads.get(name), r.getScore(), r.getScoreError(), 1000.0 * threads.get(name) / r.getScore()));
            System.out.println();
            switch (owner) {
                case "SignVerifyBench" -> {
                    System.out.println("ratio to raw java.security.Signature in this run (1.00 = as fast as raw RSA):");
                    ratio(byName, "xmlSign", "rawSign", RAW_SHARE);
                    ratio(byName, "xmlVerify", "rawVerify", RAW_SHARE);
                    ratio(byName, "xmlVerifyWithCertificate", "rawVerify", RAW_SHARE);
                }
                case "ParseBench" -> {
                    System.out.println("ratio to the plain JDK DocumentBuilder parse in this run (1.00 = as fast as the JDK):");
                    byName.keySet().stream().filter(name -> name.startsWith("gatewayParse")).forEach(name -> ratio(byName,
                            name, name.replace("gatewayParse", "jdkParse"), "%.2f× the JDK's throughput"));
                }
                case "MessageLogWriteBench" -> {
                    System.out.println("ratio to a plain JDBC insert of the same bytes in this run (1.00 = as fast as the insert):");
                    ratio(byName, "append", "plainInsert", "%.2f× the plain insert's rows/s");
                    ratio(byName, "appendConcurrently", "plainInsertConcurrently", "%.2f× the plain inserts' rows/s");
                    ratio(byName, "appendConcurrently", "append", "%.2f× one writer's rows/s");
                }
                default -> {
                    // a benchmark class without a baseline of its own: the table above is all
                }
            }
        });
    }

    /**
     * Prints {@code a ÷ b} with its error, propagated from the two relative errors (independent, first order);
     * {@code meaning} formats the ratio (a percentage when it has {@code %%}: the ratio × 100). Nothing when
     * either was not run.
     */
    private static void ratio(Map<String, Result<?>> byName, String a, String b, String meaning) {
        Result<?> x = byName.get(a);
        Result<?> y = byName.get(b);
        if (x == null || y == null) {
            return;
        }
        double ratio = x.getScore() / y.getScore();
        double error = ratio * Math.hypot(relative(x), relative(y));
        double shown = meaning.contains("%%") ? 100 * ratio : ratio;
        System.out.printf(Locale.ROOT, "  %-28s / %-26s = %.3f ± %.3f  (" + meaning + ")%n", a, b, ratio, error, shown);
    }

    private static double relative(Result<?> r) {
        double error = r.getScoreError();
        return Double.isNaN(error) ? 0 : error / r.getScore();
    }

    /**
     * Sign (parse + sign + serialise) and verify (parse + verify + certificate check) the 2 KB
     * request {@code roundTrips} times, with the heap in use after GC measured before, at each
     * quarter, and after. A leak shows as growth that keeps rising with the count.
     */
    private static void heapCheck(int roundTrips) throws InterruptedException {
        System.out.println();
        System.out.println("== heap check: " + roundTrips + " sign + verify round trips of the 2 KB request, in this JVM ==");
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + mib(Runtime.getRuntime().maxMemory()) + ", collectors "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        SignVerifyWorkload workload = new SignVerifyWorkload();
        long signedBytes = 0;
        for (int i = 0; i < HEAP_WARM_UP; i++) {
            signedBytes += roundTrip(workload);
        }
        long before = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "used heap after GC, after %d warm-up round trips: %s%n", HEAP_WARM_UP, mib(before));
        int quarter = Math.max(1, roundTrips / 4);
        long after = before;
        long busyNanos = 0; // loop time only: the measuring GCs are left out
        long segmentStart = System.nanoTime();
        for (int i = 1; i <= roundTrips; i++) {
            signedBytes += roundTrip(workload);
            if (i % quarter == 0 || i == roundTrips) {
                busyNanos += System.nanoTime() - segmentStart;
                after = usedHeapAfterGc();
                System.out.printf(Locale.ROOT, "  after %6d round trips: %s  (%+.1f KiB; %.0f round trips/s so far)%n",
                        i, mib(after), (after - before) / 1024.0, i / (busyNanos / 1e9));
                segmentStart = System.nanoTime();
            }
        }
        System.out.printf(Locale.ROOT, "used heap before: %d bytes, after: %d bytes, difference: %+d bytes (%+.1f bytes per round trip)%n",
                before, after, after - before, (after - before) / (double) roundTrips);
        System.out.println("(signed bytes produced: " + signedBytes + ")");
    }

    private static int roundTrip(SignVerifyWorkload workload) {
        byte[] signed = workload.serialize(workload.sign(workload.unsigned));
        ValidatedSigner signer = workload.verifyWithCertificate(signed);
        if (!signer.certificate().equals(workload.signerKey.certificate())) {
            throw new IllegalStateException("verified a different signer");
        }
        return signed.length;
    }

    /** Heap in use once garbage is collected: a few System.gc() calls with pauses, so finalisation and references settle. */
    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }
}
