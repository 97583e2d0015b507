package org.qaqpa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qaqpa.bench.AsyncBench;
import org.qaqpa.bench.BenchReport;
import org.qaqpa.bench.BenchSetup;
import org.qaqpa.bench.LoadShape;
import org.qaqpa.bench.Payload;
import org.qaqpa.bench.RoutingBench;
import org.qaqpa.bench.Scenario;
import org.qaqpa.bench.SyncBench;
import org.qaqpa.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code qaqpa bench}: load benchmarks that start what they measure themselves (docs/benchmarks.md).
 * One subcommand per scenario; the options every scenario shares are {@link RunOptions}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the gateway under closed-loop load, beside a baseline measured in the same run (docs/benchmarks.md).",
        subcommands = {BenchCommand.Sync.class, BenchCommand.Routing.class, BenchCommand.Async.class})
public final class BenchCommand implements Runnable {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The member every scenario sends as (the development PKI's legal-entity key). */
    static final String SENDER = "dev-client";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The load, the gateway child and the report, as every scenario takes them. */
    static final class RunOptions {

        @Spec(Spec.Target.MIXEE)
        private CommandSpec spec;

        @Option(names = "--concurrency", paramLabel = "C", defaultValue = "16",
                description = "Concurrent clients of the measured period (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--duration", paramLabel = "S", defaultValue = "60",
                description = "Seconds of the measured period (default: ${DEFAULT-VALUE}).")
        int durationSeconds;

        @Option(names = "--warmup", paramLabel = "S", defaultValue = "30",
                description = "Seconds of warm-up at --warmup-concurrency before measuring (default: ${DEFAULT-VALUE}); "
                        + "it goes on while the measured requests are still being signed.")
        int warmupSeconds;

        @Option(names = "--warmup-concurrency", paramLabel = "C", defaultValue = "2",
                description = "Concurrent clients of the warm-up (default: ${DEFAULT-VALUE}).")
        int warmupConcurrency;

        @Option(names = "--payload", paramLabel = "SIZE", defaultValue = "2KB",
                description = "Size of a request before it is signed: 2KB, 10KB, 100KB, 1MB, or mix (30 %% 2KB, 60 %% 10KB, "
                        + "9 %% 100KB, 1 %% 1MB, interleaved) (default: ${DEFAULT-VALUE}).")
        String payload;

        @Option(names = "--max-messages", paramLabel = "N",
                description = "Most requests the measured period sends, each signed in advance with its own messageId "
                        + "(default: 60000 for async, 1000 per second of --duration for sync, 1000000 for routing, whose requests are "
                        + "made as they go); the period ends early when they run out.")
        Integer maxMessages;

        @Option(names = "--baseline-duration", paramLabel = "S", defaultValue = "10",
                description = "Seconds of the same-run baseline's measured period (default: ${DEFAULT-VALUE}).")
        int baselineSeconds;

        @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "QAQPA_MEMBER_PASSWORD",
                description = "Environment variable holding dev-client's password (default: ${DEFAULT-VALUE}; unset: "
                        + "the development password).")
        String passwordEnv;

        @Option(names = "--json", description = "Print the report as one JSON object.")
        boolean json;

        @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
                description = "The gateway's --config: qaqpa.yaml and the registries it names (default: ${DEFAULT-VALUE}).")
        Path configDir;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Where the run's fresh directory (the gateway's data, the baseline's journal) is made; "
                        + "the same disk is measured (default: the system's temporary directory).")
        Path dataParent;

        @Option(names = "--keep", description = "Keep the run's directory (gateway output, data) after a successful run.")
        boolean keep;

        @Option(names = "--gateway-java-option", paramLabel = "OPT",
                description = "A JVM option of the gateway child, and of the hand-rolled proxy's so that both run alike, e.g. -Xmx512m "
                        + "or -XX:StartFlightRecording=… (repeatable).")
        List<String> gatewayJavaOptions = new ArrayList<>();

        /** dev-client sending for {@code serviceId}, its password from {@code --password-env}, else the development one. */
        Scenario.Sender sender(String serviceId) {
            String password = System.getenv(passwordEnv);
            return new Scenario.Sender(SENDER, password == null ? MemberClient.DEVELOPMENT_MEMBER_PASSWORD : password, serviceId);
        }

        /** The load; {@code defaultMaxMessages} when {@code --max-messages} is not given. */
        LoadShape load(int defaultMaxMessages) {
            try {
                return new LoadShape(concurrency, Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
                        warmupConcurrency, Payload.parse(payload), maxMessages == null ? defaultMaxMessages : maxMessages);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        BenchSetup setup() {
            if (baselineSeconds < 1) {
                throw new ParameterException(spec.commandLine(), "--baseline-duration must be at least 1 second");
            }
            Path parent = dataParent != null ? dataParent : Path.of(System.getProperty("java.io.tmpdir"));
            return new BenchSetup(configDir, parent, keep, gatewayJavaOptions, QaqpaCommand.class.getName(),
                    Duration.ofSeconds(baselineSeconds));
        }

        /** Runs a scenario and prints its report on stdout, as JSON or as lines; returns the exit code. */
        int report(Callable<BenchReport> scenario) {
            PrintWriter err = spec.commandLine().getErr();
            try {
                BenchReport report = scenario.call();
                PrintWriter out = spec.commandLine().getOut();
                out.print(json ? report.toJson() + System.lineSeparator() : report.toText());
                out.flush();
                return OK;
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return USAGE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            } catch (Exception e) {
                err.println("bench failed: " + e);
                return FAILED;
            }
        }
    }

    @Command(name = "async", mixinStandardHelpOptions = true,
            description = {"Accepted and delivered async messages per second. Starts `qaqpa run`",
                    "in its own JVM on a fresh data directory, sends pre-signed sendMessage",
                    "requests for TEST_ASYNC_SERVICE_ID as dev-client (PUSHed to the sandbox",
                    "receiver), then measures persistent JMS sends into an embedded Artemis",
                    "with the gateway's journal settings on the same disk (baseline_rps).",
                    "Progress goes to stderr, the report to stdout (docs/benchmarks.md)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the report was printed", "1:the run failed (the gateway did not start or accepted nothing)",
                    "2:usage or configuration error"})
    static final class Async implements Callable<Integer> {

        static final String SERVICE = "TEST_ASYNC_SERVICE_ID";
        private static final int MAX_MESSAGES = 60_000;

        @Spec
        private CommandSpec spec;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() {
            AsyncBench bench = new AsyncBench(options.load(MAX_MESSAGES), options.setup(), options.sender(SERVICE),
                    spec.commandLine().getErr());
            return options.report(bench::run);
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Signed sync round trips per second. Starts `qaqpa run` in its own JVM",
                    "on a fresh data directory and sends pre-signed SendMessage requests for",
                    "TEST_SERVICE_ID as dev-client (answered by the sandbox echo provider); then",
                    "the same requests through the hand-rolled CXF + WSS4J proxy in its own",
                    "JVM (baseline_rps), then the crypto ceiling of a round trip (ceiling_rps).",
                    "Progress goes to stderr, the report to stdout (docs/benchmarks.md)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the report was printed", "1:the run failed (the gateway or the proxy did not start, "
                    + "or nothing was answered)", "2:usage or configuration error"})
    static final class Sync implements Callable<Integer> {

        static final String SERVICE = "TEST_SERVICE_ID";
        /** Requests signed per second of the measured period when --max-messages is not given: above the crypto ceiling here. */
        private static final int MESSAGES_PER_SECOND = 1_000;

        @Spec
        private CommandSpec spec;

        @Mixin
        RunOptions options;

        @Option(names = "--no-proxy-baseline", description = "Skip the hand-rolled proxy baseline (no baseline_rps).")
        boolean noProxy;

        @Override
        public Integer call() {
            SyncBench bench = new SyncBench(options.load(options.durationSeconds * MESSAGES_PER_SECOND), options.setup(), options.sender(SERVICE), !noProxy,
                    spec.commandLine().getErr());
            return options.report(bench::run);
        }
    }

    @Command(name = "routing", mixinStandardHelpOptions = true,
            description = {"Unsigned sync round trips per second: `qaqpa run` in its own JVM with",
                    "security.require-signature: false and TEST_SERVICE_ID routed to the sandbox's",
                    "unsigned provider (a configuration the bench writes; members from --config),",
                    "then the same requests straight to that provider (baseline_rps).",
                    "Progress goes to stderr, the report to stdout (docs/benchmarks.md)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the report was printed", "1:the run failed (the gateway did not start or answered nothing)",
                    "2:usage or configuration error"})
    static final class Routing implements Callable<Integer> {

        private static final int MAX_MESSAGES = 1_000_000;

        @Spec
        private CommandSpec spec;

        @Mixin
        RunOptions options;

        @Override
        public Integer call() {
            RoutingBench bench = new RoutingBench(options.load(MAX_MESSAGES), options.setup(), options.sender(Sync.SERVICE),
                    spec.commandLine().getErr());
            return options.report(bench::run);
        }
    }
}
