package org.qaqpa.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * {@code qaqpa bench sync}: signed sync round trips per second through a gateway in its own JVM, beside
 * two baselines measured in the same run: the hand-rolled CXF + WSS4J proxy doing the same signature work
 * in front of the same provider ({@code org.qaqpa.bench.reference}), and the crypto ceiling — the
 * signatures and verifications of one round trip through {@code java.security.Signature} alone.
 *
 * <p>The run: start the gateway on a fresh data directory (its sandbox hosts the echo provider of
 * {@code TEST_SERVICE_ID}); sign a warm-up pool, warm up at low concurrency while the measured pool is
 * signed (one request per distinct messageId: the replay guard refuses a messageId twice); measure; stop
 * the gateway. Start the proxy with the development PKI the gateway made (it hosts the same echo
 * provider), warm it up and measure it at the same concurrency with the same requests (it has no replay
 * guard, so it may take them again). Then the crypto ceiling on the same cores.
 */
public final class SyncBench extends Scenario {

    /** The answer element of a round trip the provider answered. */
    private static final String ANSWERED = "SendMessageResponse";
    private static final Duration WARMUP_STEP = Duration.ofSeconds(5);
    private static final Duration CEILING_WARMUP = Duration.ofSeconds(2);
    /** Warm-up requests signed per second of warm-up (C = 2 on two cores stays far below it), and the most. */
    private static final int WARMUP_POOL_PER_SECOND = 400;
    private static final int WARMUP_POOL_MAX = 40_000;
    /**
     * Every signature one round trip costs on this machine, the provider's included (it runs on the same
     * cores): the gateway verifies the request, signs the call, the echo verifies it and signs its answer,
     * the gateway verifies that and signs its own answer. The proxy baseline does the same six.
     */
    static final CryptoCeiling.Work ROUND_TRIP_CRYPTO = new CryptoCeiling.Work(3, 3);
    /** The gateway's part alone: verify, sign, verify, sign (the "≈ 950/s on 2 cores"). */
    static final CryptoCeiling.Work GATEWAY_CRYPTO = new CryptoCeiling.Work(2, 2);

    private final boolean withProxy;

    /**
     * @param sender    a sync service whose provider the sandbox runs (TEST_SERVICE_ID)
     * @param withProxy measure the hand-rolled proxy baseline too
     */
    public SyncBench(LoadShape load, BenchSetup setup, Sender sender, boolean withProxy, PrintWriter progress) {
        super("sync", load, setup, sender, progress);
        this.withProxy = withProxy;
    }

    @Override
    void measure(BenchReport report, Path work) throws Exception {
        Path data = work.resolve("data");
        int cores = Runtime.getRuntime().availableProcessors();
        HttpClient http = SoapCall.httpClient();
        List<byte[]> warmupRequests;
        List<byte[]> measured;
        try (ChildJvm gateway = startGateway(setup.configDir(), data)) {
            IssuedCertificate member = IssuedCertificate.readPkcs12(data.resolve("pki").resolve("legal.p12"), DevPki.password());
            SignedRequests requests = new SignedRequests(member,
                    RequestEnvelope.sync(sender, Clock.systemDefaultZone()), load.payload());
            URI endpoint = gateway.uri("/bip-sync/");

            int warmupCount = (int) Math.min(WARMUP_POOL_MAX,
                    Math.max(1_000, load.warmup().toSeconds() * WARMUP_POOL_PER_SECOND));
            bench.progress("signing %d warm-up requests", warmupCount);
            warmupRequests = requests.sign(warmupCount, true, cores);
            FutureTask<List<byte[]>> pool = new FutureTask<>(() -> requests.sign(load.maxMessages(), true, cores));
            Thread signing = new Thread(pool, "bench-pool-signing");
            signing.setDaemon(true);
            signing.start();
            bench.progress("signing %d requests with distinct messageIds while warming up for %d s at concurrency %d",
                    load.maxMessages(), load.warmup().toSeconds(), load.warmupConcurrency());
            bench.warmUp(load, new SoapCall(http, endpoint, warmupRequests.iterator(), ANSWERED), WARMUP_STEP, pool,
                    report, gateway);
            measured = BenchRun.signed(pool);
            report.put("request_bytes", Math.round(measured.stream().mapToInt(request -> request.length).average().orElse(0)));
            bench.progress("measuring for %d s at concurrency %d", load.duration().toSeconds(), load.concurrency());
            bench.measure(gateway, load.concurrency(), load.duration(),
                    new SoapCall(http, endpoint, measured.iterator(), ANSWERED), report, "", "gateway");
        }
        double rps = (Double) report.get("rps");
        if (withProxy) {
            measureProxy(report, work, data.resolve("pki"), http, warmupRequests, measured);
            double proxy = (Double) report.get("baseline_rps");
            report.put("rps_to_baseline", proxy == 0 ? null : rps / proxy);
        }
        bench.progress("crypto ceiling: RSA-2048 signatures and verifications alone on %d cores", cores);
        double ceiling = CryptoCeiling.perSecond(ROUND_TRIP_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        double gatewayCeiling = CryptoCeiling.perSecond(GATEWAY_CRYPTO, cores, CEILING_WARMUP, setup.baselineDuration());
        report.put("ceiling_rps", ceiling)
                .put("rps_to_ceiling", rps / ceiling)
                .put("ceiling_gateway_rps", gatewayCeiling)
                .put("rps_to_ceiling_gateway", rps / gatewayCeiling);
    }

    /** The hand-rolled proxy, warmed up and measured as the gateway was, figures under {@code baseline_}. */
    private void measureProxy(BenchReport report, Path work, Path pkiDir, HttpClient http, List<byte[]> warmupRequests,
                              List<byte[]> measured) throws Exception {
        try (ChildJvm proxy = ChildJvm.startProxy(pkiDir, work.resolve("proxy.log"), setup.gatewayJavaOptions(),
                START_TIMEOUT)) {
            URI endpoint = proxy.uri("/bip-sync/");
            // As long as the gateway's warm-up went on (it lasts while the pool is signed), so both have had as much JIT time.
            LoadShape proxyLoad = load.withWarmup(Duration.ofMillis(Math.round((Double) report.get("warmup_s") * 1000)));
            bench.progress("baseline: the hand-rolled CXF + WSS4J proxy, pid %d at %s; warming up for %d s",
                    proxy.pid(), endpoint, proxyLoad.warmup().toSeconds());
            BenchReport warmup = new BenchReport();
            bench.warmUp(proxyLoad, new SoapCall(http, endpoint, BenchRun.cycle(warmupRequests), ANSWERED), WARMUP_STEP, null,
                    warmup, proxy);
            report.put("baseline_warmup_s", warmup.get("warmup_s"))
                    .put("baseline_warmup_last_rps", warmup.get("warmup_last_rps"));
            bench.progress("baseline: measuring for %d s at concurrency %d", load.duration().toSeconds(), load.concurrency());
            bench.measure(proxy, load.concurrency(), load.duration(),
                    new SoapCall(http, endpoint, BenchRun.cycle(measured), ANSWERED), report, "baseline_", "baseline");
        }
    }
}
