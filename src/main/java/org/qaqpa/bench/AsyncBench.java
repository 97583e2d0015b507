package org.qaqpa.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * {@code qaqpa bench async}: accepted and delivered async messages per second through a gateway in its
 * own JVM, beside the same-run ceiling of persisting a message in the journal ({@link JournalBaseline}).
 *
 * <p>The run: start the gateway on a fresh data directory; warm it up at low concurrency with a few
 * requests without messageId (the gateway assigns one, so they can be sent again and again) while the
 * measured pool — one signed request per distinct messageId — is signed; wait until the warm-up's
 * messages are delivered; send the pool at the full concurrency for the measured period; wait until
 * everything accepted is delivered; stop the gateway; run the baseline on the same disk; measure the
 * crypto ceiling ({@link CryptoCeiling}) on the same cores.
 */
public final class AsyncBench {

    /** The answer element of an accepted {@code sendMessage}. */
    private static final String ACCEPTED = "sendMessageResponse";
    private static final int WARMUP_POOL = 256;
    /** After the warm-up's set time, it goes on in steps of this while the measured pool is still being signed. */
    private static final Duration WARMUP_STEP = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BASELINE_WARMUP = Duration.ofSeconds(3);
    private static final Duration CEILING_WARMUP = Duration.ofSeconds(2);
    /** Accepting: the request's signature verified, the signed sendMessageResponse. */
    static final CryptoCeiling.Work ACCEPT_CRYPTO = new CryptoCeiling.Work(1, 1);
    /**
     * Accepting and delivering by PUSH to the in-process sandbox recipient: as accepting, plus the signed push,
     * the recipient's check of it, its signed answer and the gateway's check of that.
     */
    static final CryptoCeiling.Work ACCEPT_AND_PUSH_CRYPTO = new CryptoCeiling.Work(3, 3);
    /** A drain gives up when no message changed state for this long (a recipient that refuses everything). */
    private static final Duration DRAIN_STALL = Duration.ofSeconds(30);
    private static final Duration DRAIN_POLL = Duration.ofMillis(250);
    private static final double MIB = 1024.0 * 1024.0;

    private final LoadShape load;
    private final BenchSetup setup;
    private final String senderId;
    private final String password;
    private final String serviceId;
    private final PrintWriter progress;

    /**
     * @param senderId  the member that sends (its key is the development PKI's legal-entity key of the fresh data)
     * @param serviceId an async service delivered to a recipient the gateway reaches (TEST_ASYNC_SERVICE_ID)
     * @param progress  where the steps are reported while the run goes on (stderr: stdout is the report's)
     */
    public AsyncBench(LoadShape load, BenchSetup setup, String senderId, String password, String serviceId,
                      PrintWriter progress) {
        this.load = load;
        this.setup = setup;
        this.senderId = senderId;
        this.password = password;
        this.serviceId = serviceId;
        this.progress = progress;
    }

    /** Runs the benchmark and returns its figures; the work directory is removed unless kept or the run failed. */
    public BenchReport run() throws Exception {
        GatewayConfig config = ConfigLoader.load(setup.configDir().resolve(ConfigLoader.FILE_NAME));
        Path work = Files.createTempDirectory(Files.createDirectories(setup.workParent()), "qaqpa-bench-");
        progress("work directory %s", work);
        BenchReport report = measure(config, work);
        if (!setup.keep()) {
            deleteTree(work);
        }
        return report;
    }

    private BenchReport measure(GatewayConfig config, Path work) throws Exception {
        BenchReport report = new BenchReport()
                .put("scenario", "async")
                .put("concurrency", load.concurrency())
                .put("payload_bytes", load.payload().bytes());
        Path data = work.resolve("data");
        int cores = Runtime.getRuntime().availableProcessors();
        double requestBytes;
        try (GatewayProcess gateway = GatewayProcess.start(setup.mainClass(), setup.configDir(), data,
                setup.gatewayJavaOptions(), START_TIMEOUT)) {
            progress("gateway pid %d at %s (output in %s)", gateway.pid(), gateway.uri("/"), gateway.output());
            IssuedCertificate member = IssuedCertificate.readPkcs12(data.resolve("pki").resolve("legal.p12"), DevPki.password());
            SignedAsyncRequests requests = new SignedAsyncRequests(member, senderId, password, serviceId, load.payload(),
                    Clock.systemDefaultZone());
            URI endpoint = gateway.uri("/bip-async/");
            HttpClient http = SoapCall.httpClient();

            FutureTask<List<byte[]>> pool = new FutureTask<>(() -> requests.sign(load.maxMessages(), true, cores));
            Thread signing = new Thread(pool, "bench-pool-signing");
            signing.setDaemon(true);
            List<byte[]> warmupRequests = requests.sign(WARMUP_POOL, false, cores);
            signing.start();
            progress("signing %d requests with distinct messageIds while warming up for %d s at concurrency %d",
                    load.maxMessages(), load.warmup().toSeconds(), load.warmupConcurrency());
            SoapCall warmupCall = new SoapCall(http, endpoint, cycle(warmupRequests), ACCEPTED);
            long warmupStart = System.nanoTime();
            ClosedLoop.Result warmup = ClosedLoop.run(load.warmupConcurrency(), load.warmup(), warmupCall);
            while (!pool.isDone()) {
                warmup = ClosedLoop.run(load.warmupConcurrency(), WARMUP_STEP, warmupCall);
            }
            report.put("warmup_s", seconds(System.nanoTime() - warmupStart))
                    .put("warmup_concurrency", load.warmupConcurrency())
                    .put("warmup_last_rps", warmup.perSecond());
            if (!load.warmup().isZero() && warmup.accepted() == 0) {
                throw new IllegalStateException("the gateway accepted nothing during the warm-up: " + warmup.errorKinds()
                        + " (see " + gateway.output() + ")");
            }
            List<byte[]> measured = signedPool(pool);
            requestBytes = measured.stream().mapToInt(request -> request.length).average().orElse(0);
            report.put("request_bytes", Math.round(requestBytes));

            try (DeliveryCounts counts = DeliveryCounts.open(config.database(), data)) {
                progress("waiting for the warm-up's messages to be delivered");
                drain(counts);
                ProcessVitals vitals = attach(gateway.pid());
                progress("measuring for %d s at concurrency %d", load.duration().toSeconds(), load.concurrency());
                DeliveryCounts.Counts before = counts.read();
                long gatewayCpu = vitals == null ? 0 : vitals.cpuNanos();
                long clientCpu = ProcessVitals.ownCpuNanos();
                if (vitals != null) {
                    vitals.startSampling();
                }
                long start = System.nanoTime();
                ClosedLoop.Result result = ClosedLoop.run(load.concurrency(), load.duration(),
                        new SoapCall(http, endpoint, measured.iterator(), ACCEPTED));
                double windowSeconds = seconds(result.elapsed().toNanos());
                DeliveryCounts.Counts atEnd = counts.read();
                report.put("duration_s", windowSeconds)
                        .put("accepted", result.accepted())
                        .put("errors", result.errors())
                        .put("error_kinds", describe(result.errorKinds()))
                        .put("pool_exhausted", result.exhausted())
                        .put("rps", result.perSecond())
                        .put("p50_ms", result.latencies().p50Ms())
                        .put("p95_ms", result.latencies().p95Ms())
                        .put("p99_ms", result.latencies().p99Ms())
                        .put("max_ms", result.latencies().maxMs());
                if (vitals != null) {
                    report.put("gateway_cpu_cores", (vitals.cpuNanos() - gatewayCpu) / (windowSeconds * 1e9));
                }
                report.put("client_cpu_cores", (ProcessVitals.ownCpuNanos() - clientCpu) / (windowSeconds * 1e9));
                if (vitals != null) {
                    report.put("gateway_heap_peak_mb", vitals.stopSampling() / MIB)
                            .put("gateway_heap_used_mb", vitals.heapUsed() / MIB)
                            .put("gateway_heap_max_mb", vitals.heapMax() / MIB);
                    vitals.close();
                }
                progress("waiting for the measured messages to be delivered");
                Drain drained = drain(counts);
                long delivered = drained.counts().delivered() - before.delivered();
                report.put("delivered", delivered)
                        .put("delivered_rps", delivered / seconds(drained.counts().readNanos() - start))
                        .put("delivered_in_window_rps", (atEnd.delivered() - before.delivered()) / windowSeconds)
                        .put("backlog_at_window_end", atEnd.waiting())
                        .put("drain_s", seconds(drained.counts().readNanos() - atEnd.readNanos()))
                        .put("drained", drained.complete())
                        .put("delivery_stopped", drained.counts().stopped() - before.stopped());
            }
        }
        progress("baseline: persistent sends of %d bytes into an embedded Artemis for %d s at concurrency %d",
                Math.round(requestBytes), setup.baselineDuration().toSeconds(), load.concurrency());
        ClosedLoop.Result baseline = JournalBaseline.run(work.resolve("baseline-broker"), config.async(), load.concurrency(),
                (int) Math.round(requestBytes), BASELINE_WARMUP, setup.baselineDuration());
        double rps = (Double) report.get("rps");
        progress("crypto ceiling: RSA-2048 signatures and verifications alone on %d cores", cores);
        double acceptCeiling = CryptoCeiling.perSecond(ACCEPT_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        double ceiling = CryptoCeiling.perSecond(ACCEPT_AND_PUSH_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        report.put("ceiling_accept_rps", acceptCeiling)
                .put("ceiling_rps", ceiling)
                .put("rps_to_ceiling_accept", rps / acceptCeiling)
                .put("baseline_rps", baseline.perSecond())
                .put("baseline_p99_ms", baseline.latencies().p99Ms())
                .put("baseline_errors", baseline.errors())
                .put("rps_to_baseline", baseline.perSecond() == 0 ? null : rps / baseline.perSecond())
                .put("cores", cores)
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return report;
    }

    /** Waits until no accepted message waits for delivery, or until nothing moved for {@link #DRAIN_STALL}. */
    private static Drain drain(DeliveryCounts counts) throws Exception {
        DeliveryCounts.Counts now = counts.read();
        long lastMoved = now.readNanos();
        long settled = now.delivered() + now.stopped();
        while (now.waiting() > 0 && now.readNanos() - lastMoved < DRAIN_STALL.toNanos()) {
            Thread.sleep(DRAIN_POLL.toMillis());
            now = counts.read();
            if (now.delivered() + now.stopped() != settled) {
                settled = now.delivered() + now.stopped();
                lastMoved = now.readNanos();
            }
        }
        return new Drain(now, now.waiting() == 0);
    }

    private record Drain(DeliveryCounts.Counts counts, boolean complete) {
    }

    /** The gateway's vitals, or null (reported as missing) when this JVM cannot attach to it. */
    private ProcessVitals attach(long pid) {
        try {
            return ProcessVitals.attach(pid);
        } catch (Exception e) {
            progress("cannot read the gateway's CPU and heap (attach to pid %d failed: %s)", pid, e);
            return null;
        }
    }

    private static List<byte[]> signedPool(FutureTask<List<byte[]>> pool) throws Exception {
        try {
            return pool.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The requests again and again, endlessly. */
    private static Iterator<byte[]> cycle(List<byte[]> requests) {
        return Stream.iterate(0, i -> (i + 1) % requests.size()).map(requests::get).iterator();
    }

    private static String describe(Map<String, Long> errorKinds) {
        return errorKinds.entrySet().stream().map(kind -> kind.getKey() + " x" + kind.getValue())
                .collect(Collectors.joining(", "));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void progress(String format, Object... args) {
        progress.println("bench: " + String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
