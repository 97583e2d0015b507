package org.qaqpa.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;

/**
 * {@code qaqpa bench routing}: unsigned sync round trips per second through a gateway in its own JVM —
 * parsing, authentication by password, replay guard, routing, the provider call, the message log, without
 * any signature — beside the same-run baseline of the provider alone (the same requests posted straight to
 * it). The gateway runs with {@code security.require-signature: false} and {@code TEST_SERVICE_ID} routed to
 * the sandbox's unsigned provider ({@code /sandbox/faulty/unsigned}: a correct answer without signature),
 * from a configuration the bench writes into its work directory; everything else keeps its defaults.
 */
public final class RoutingBench extends Scenario {

    private static final String ANSWERED = "SendMessageResponse";
    private static final String UNSIGNED_PROVIDER = "/sandbox/faulty/unsigned";
    private static final Duration BASELINE_WARMUP = Duration.ofSeconds(3);

    /** @param sender sends by password only (nothing is signed); its service is routed to the unsigned provider */
    public RoutingBench(LoadShape load, BenchSetup setup, Sender sender, PrintWriter progress) {
        super("routing", load, setup, sender, progress);
    }

    @Override
    void measure(BenchReport report, Path work) throws Exception {
        int sandboxPort = freePort();
        Path config = writeConfig(work.resolve("config"), sandboxPort);
        Path data = work.resolve("data");
        // Without signatures the gateway makes no development PKI, but the sandbox systems need one.
        DevPki.generate(Clock.systemUTC()).writeTo(data.resolve("pki"), DevPki.password(), false);
        RequestEnvelope envelope = RequestEnvelope.sync(sender, Clock.systemDefaultZone());
        HttpClient http = SoapCall.httpClient();
        try (ChildJvm gateway = startGateway(config, data)) {
            URI endpoint = gateway.uri("/bip-sync/");
            bench.progress("warming up for %d s at concurrency %d", load.warmup().toSeconds(), load.warmupConcurrency());
            bench.warmUp(load, new SoapCall(http, endpoint, fresh(envelope, load.payload(), Integer.MAX_VALUE), ANSWERED), Duration.ZERO, null,
                    report, gateway);
            report.put("request_bytes", Math.round(load.payload().averageBytes()));
            bench.progress("measuring for %d s at concurrency %d", load.duration().toSeconds(), load.concurrency());
            bench.measure(gateway, load.concurrency(), load.duration(),
                    new SoapCall(http, endpoint, fresh(envelope, load.payload(), load.maxMessages()), ANSWERED), report, "", "gateway");

            URI provider = URI.create("http://127.0.0.1:" + sandboxPort + UNSIGNED_PROVIDER);
            bench.progress("baseline: the provider alone at %s for %d s at concurrency %d", provider,
                    setup.baselineDuration().toSeconds(), load.concurrency());
            ClosedLoop.run(load.concurrency(), BASELINE_WARMUP, new SoapCall(http, provider, fresh(envelope, load.payload(), Integer.MAX_VALUE),
                    ANSWERED));
            BenchReport baseline = new BenchReport();
            bench.measure(gateway, load.concurrency(), setup.baselineDuration(),
                    new SoapCall(http, provider, fresh(envelope, load.payload(), Integer.MAX_VALUE), ANSWERED), baseline, "baseline_", "provider");
            for (String figure : new String[] {"baseline_rps", "baseline_p50_ms", "baseline_p99_ms", "baseline_errors",
                    "provider_cpu_cores"}) {
                report.put(figure, baseline.get(figure));
            }
        }
        double rps = (Double) report.get("rps");
        double provider = (Double) report.get("baseline_rps");
        report.put("rps_to_baseline", provider == 0 ? null : rps / provider);
    }

    /**
     * The gateway's configuration for the run: signatures off, the sandbox on {@code sandboxPort}, the members of
     * the setup's configuration, and a services file routing the service to the unsigned provider.
     */
    private Path writeConfig(Path dir, int sandboxPort) throws IOException {
        GatewayConfig original = ConfigLoader.load(setup.configDir().resolve(ConfigLoader.FILE_NAME));
        Files.createDirectories(dir);
        Path services = dir.resolve("services.yaml");
        Files.writeString(services, """
                # Written by `qaqpa bench routing`: the sandbox's unsigned provider.
                services:
                  %s:
                    url: %s
                    bin: "990340000025"
                    timeout: 10s
                    business-signature: false
                    mode: sync
                """.formatted(sender.serviceId(), UNSIGNED_PROVIDER), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), """
                # Written by `qaqpa bench routing`: unsigned pass-through, everything else the defaults.
                security:
                  require-signature: false
                registry:
                  members-file: "%s"
                  services-file: "%s"
                sandbox:
                  port: %d
                """.formatted(Path.of(original.registry().membersFile()).toAbsolutePath(), services.toAbsolutePath(),
                sandboxPort), StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * Up to {@code count} unsigned requests of the payload's sizes, each with a new messageId, made as they are taken
     * (microseconds each for small ones).
     */
    private static Iterator<byte[]> fresh(RequestEnvelope envelope, Payload payload, int count) {
        AtomicLong made = new AtomicLong();
        return Stream.generate(() -> envelope.unsigned(UUID.randomUUID().toString(), payload.bytesFor(made.getAndIncrement()))
                .getBytes(StandardCharsets.UTF_8)).limit(count).iterator();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
