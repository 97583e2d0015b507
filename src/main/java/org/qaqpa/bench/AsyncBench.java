package org.qaqpa.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
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
public final class AsyncBench extends Scenario {

    /** The answer element of an accepted {@code sendMessage}. */
    private static final String ACCEPTED = "sendMessageResponse";
    private static final int WARMUP_POOL = 256;
    /** After the warm-up's set time, it goes on in steps of this while the measured pool is still being signed. */
    private static final Duration WARMUP_STEP = Duration.ofSeconds(5);
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

    /** @param sender an async service delivered to a recipient the gateway reaches (TEST_ASYNC_SERVICE_ID) */
    public AsyncBench(LoadShape load, BenchSetup setup, Sender sender, PrintWriter progress) {
        super("async", load, setup, sender, progress);
    }

    @Override
    void measure(BenchReport report, Path work) throws Exception {
        GatewayConfig config = ConfigLoader.load(setup.configDir().resolve(ConfigLoader.FILE_NAME));
        Path data = work.resolve("data");
        int cores = Runtime.getRuntime().availableProcessors();
        double requestBytes;
        try (ChildJvm gateway = startGateway(setup.configDir(), data)) {
            IssuedCertificate member = IssuedCertificate.readPkcs12(data.resolve("pki").resolve("legal.p12"), DevPki.password());
            SignedRequests requests = new SignedRequests(member,
                    RequestEnvelope.async(sender, Clock.systemDefaultZone()), load.payload());
            URI endpoint = gateway.uri("/bip-async/");
            HttpClient http = SoapCall.httpClient();

            FutureTask<List<byte[]>> pool = new FutureTask<>(() -> requests.sign(load.maxMessages(), true, cores));
            Thread signing = new Thread(pool, "bench-pool-signing");
            signing.setDaemon(true);
            List<byte[]> warmupRequests = requests.sign(WARMUP_POOL, false, cores);
            signing.start();
            bench.progress("signing %d requests with distinct messageIds while warming up for %d s at concurrency %d",
                    load.maxMessages(), load.warmup().toSeconds(), load.warmupConcurrency());
            bench.warmUp(load, new SoapCall(http, endpoint, BenchRun.cycle(warmupRequests), ACCEPTED), WARMUP_STEP, pool,
                    report, gateway);
            List<byte[]> measured = BenchRun.signed(pool);
            requestBytes = measured.stream().mapToInt(request -> request.length).average().orElse(0);
            report.put("request_bytes", Math.round(requestBytes));

            try (DeliveryCounts counts = DeliveryCounts.open(config.database(), data)) {
                bench.progress("waiting for the warm-up's messages to be delivered");
                drain(counts);
                bench.progress("measuring for %d s at concurrency %d", load.duration().toSeconds(), load.concurrency());
                DeliveryCounts.Counts before = counts.read();
                long start = System.nanoTime();
                ClosedLoop.Result result = bench.measure(gateway, load.concurrency(), load.duration(),
                        new SoapCall(http, endpoint, measured.iterator(), ACCEPTED), report, "", "gateway");
                double windowSeconds = BenchRun.seconds(result.elapsed().toNanos());
                DeliveryCounts.Counts atEnd = counts.read();
                bench.progress("waiting for the measured messages to be delivered");
                Drain drained = drain(counts);
                long delivered = drained.counts().delivered() - before.delivered();
                report.put("delivered", delivered)
                        .put("delivered_rps", delivered / BenchRun.seconds(drained.counts().readNanos() - start))
                        .put("delivered_in_window_rps", (atEnd.delivered() - before.delivered()) / windowSeconds)
                        .put("backlog_at_window_end", atEnd.waiting())
                        .put("drain_s", BenchRun.seconds(drained.counts().readNanos() - atEnd.readNanos()))
                        .put("drained", drained.complete())
                        .put("delivery_stopped", drained.counts().stopped() - before.stopped());
            }
        }
        bench.progress("baseline: persistent sends of %d bytes into an embedded Artemis for %d s at concurrency %d",
                Math.round(requestBytes), setup.baselineDuration().toSeconds(), load.concurrency());
        ClosedLoop.Result baseline = JournalBaseline.run(work.resolve("baseline-broker"), config.async(), load.concurrency(),
                (int) Math.round(requestBytes), BASELINE_WARMUP, setup.baselineDuration());
        double rps = (Double) report.get("rps");
        bench.progress("crypto ceiling: RSA-2048 signatures and verifications alone on %d cores", cores);
        double acceptCeiling = CryptoCeiling.perSecond(ACCEPT_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        double ceiling = CryptoCeiling.perSecond(ACCEPT_AND_PUSH_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        report.put("ceiling_accept_rps", acceptCeiling)
                .put("ceiling_rps", ceiling)
                .put("rps_to_ceiling_accept", rps / acceptCeiling)
                .put("baseline_rps", baseline.perSecond())
                .put("baseline_p99_ms", baseline.latencies().p99Ms())
                .put("baseline_errors", baseline.errors())
                .put("rps_to_baseline", baseline.perSecond() == 0 ? null : rps / baseline.perSecond());

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
}
