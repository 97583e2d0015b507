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
import org.qaqpa.bench.PayloadSize;
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
        subcommands = {BenchCommand.Async.class})
public final class BenchCommand implements Runnable {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

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
                description = "Size of a request before it is signed: 2KB, 10KB, 100KB, 1MB (default: ${DEFAULT-VALUE}).")
        String payload;

        @Option(names = "--max-messages", paramLabel = "N", defaultValue = "60000",
                description = "Most requests the measured period sends, each signed in advance with its own messageId "
                        + "(default: ${DEFAULT-VALUE}); the period ends early when they run out.")
        int maxMessages;

        @Option(names = "--baseline-duration", paramLabel = "S", defaultValue = "10",
                description = "Seconds of the same-run baseline's measured period (default: ${DEFAULT-VALUE}).")
        int baselineSeconds;

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
                description = "A JVM option of the gateway child, e.g. -Xmx512m or -XX:StartFlightRecording=… (repeatable).")
        List<String> gatewayJavaOptions = new ArrayList<>();

        LoadShape load() {
            try {
                return new LoadShape(concurrency, Duration.ofSeconds(durationSeconds), Duration.ofSeconds(warmupSeconds),
                        warmupConcurrency, PayloadSize.parse(payload), maxMessages);
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

        /** Prints the report on stdout, as JSON or as lines. */
        void print(BenchReport report, PrintWriter out) {
            out.print(json ? report.toJson() + System.lineSeparator() : report.toText());
            out.flush();
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

        static final String SENDER = "dev-client";
        static final String SERVICE = "TEST_ASYNC_SERVICE_ID";

        @Spec
        private CommandSpec spec;

        @Mixin
        RunOptions options;

        @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "QAQPA_MEMBER_PASSWORD",
                description = "Environment variable holding dev-client's password (default: ${DEFAULT-VALUE}; unset: "
                        + "the development password).")
        String passwordEnv;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String password = System.getenv(passwordEnv);
            AsyncBench bench = new AsyncBench(options.load(), options.setup(), SENDER,
                    password == null ? MemberClient.DEVELOPMENT_MEMBER_PASSWORD : password, SERVICE, err);
            try {
                options.print(bench.run(), spec.commandLine().getOut());
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
}
