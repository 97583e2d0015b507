package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway;
import picocli.CommandLine;

/**
 * {@code qaqpa bench async} end to end, for a few seconds at concurrency 2: it starts its own gateway
 * JVM, sends, waits for the deliveries and runs the baseline. Checks the report's shape and that
 * messages were accepted and delivered — never how fast (benchmark figures are not test assertions).
 */
class BenchCommandTest {

    private static final Pattern FIGURE = Pattern.compile("\"(\\w+)\":(null|true|false|-?[0-9.]+|\"(?:[^\"\\\\]|\\\\.)*\")");

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void reportsAcceptedAndDeliveredMessagesBesideTheJournalBaseline() throws Exception {
        Map<String, String> report = runJson("bench", "async", "--concurrency", "2", "--duration", "3", "--warmup", "2",
                "--max-messages", "150", "--baseline-duration", "1");

        assertThat(report).containsKeys("rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors", "delivered_rps",
                "baseline_rps", "rps_to_baseline", "ceiling_rps", "ceiling_accept_rps", "rps_to_ceiling_accept",
                "gateway_cpu_cores", "gateway_heap_used_mb", "gateway_heap_live_before_mb", "gateway_heap_live_after_mb");
        assertThat(report.get("scenario")).isEqualTo("\"async\"");
        assertThat(report.get("errors")).isEqualTo("0");
        long accepted = Long.parseLong(report.get("accepted"));
        assertThat(accepted).isPositive();
        assertThat(report.get("drained")).isEqualTo("true");
        assertThat(Long.parseLong(report.get("delivered"))).isEqualTo(accepted);
        assertThat(Double.parseDouble(report.get("rps"))).isPositive();
        assertThat(Double.parseDouble(report.get("delivered_rps"))).isPositive();
        assertThat(Double.parseDouble(report.get("baseline_rps"))).isPositive();
        // Accepting alone costs fewer signatures than accepting and delivering.
        assertThat(Double.parseDouble(report.get("ceiling_accept_rps")))
                .isGreaterThan(Double.parseDouble(report.get("ceiling_rps")));
        assertThat(Double.parseDouble(report.get("p99_ms"))).isGreaterThanOrEqualTo(Double.parseDouble(report.get("p50_ms")));
        assertRunDirectoryRemoved();
    }

    @Test
    @Timeout(300)
    void reportsSignedRoundTripsBesideTheHandRolledProxyAndTheCryptoCeiling() throws Exception {
        Map<String, String> report = runJson("bench", "sync", "--concurrency", "2", "--duration", "2", "--warmup", "2",
                "--max-messages", "200", "--baseline-duration", "1");

        assertThat(report).containsKeys("rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors", "ceiling_rps",
                "rps_to_ceiling", "ceiling_gateway_rps", "baseline_rps", "baseline_p99_ms", "rps_to_baseline",
                "gateway_cpu_cores", "baseline_cpu_cores");
        assertThat(report.get("scenario")).isEqualTo("\"sync\"");
        assertThat(report.get("errors")).isEqualTo("0");
        assertThat(report.get("baseline_errors")).isEqualTo("0");
        assertThat(Long.parseLong(report.get("accepted"))).isPositive();
        assertThat(Long.parseLong(report.get("baseline_accepted"))).isPositive();
        // The gateway's own signatures are fewer than the round trip's, the provider's included.
        assertThat(Double.parseDouble(report.get("ceiling_gateway_rps")))
                .isGreaterThan(Double.parseDouble(report.get("ceiling_rps")));
        assertRunDirectoryRemoved();
    }

    @Test
    @Timeout(240)
    void reportsUnsignedRoutingBesideTheProviderAlone() throws Exception {
        Map<String, String> report = runJson("bench", "routing", "--concurrency", "2", "--duration", "2", "--warmup", "2",
                "--baseline-duration", "1");

        assertThat(report).containsKeys("rps", "p99_ms", "errors", "baseline_rps", "rps_to_baseline", "gateway_cpu_cores");
        assertThat(report.get("scenario")).isEqualTo("\"routing\"");
        assertThat(report.get("errors")).isEqualTo("0");
        assertThat(report.get("baseline_errors")).isEqualTo("0");
        assertThat(Long.parseLong(report.get("accepted"))).isPositive();
        assertThat(Double.parseDouble(report.get("baseline_rps"))).isPositive();
        assertRunDirectoryRemoved();
    }

    private Map<String, String> runJson(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QaqpaCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--json", "--config", TestGateway.projectDir().resolve("config").toString(), "--data", tmp.toString()));

        int exit = cli.execute(all.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isZero();
        String json = out.toString().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        return figures(json);
    }

    private void assertRunDirectoryRemoved() throws Exception {
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the run's directory is removed after a successful run").isEmpty();
        }
    }

    @Test
    void refusesAnUnknownPayloadSize() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QaqpaCommand());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "async", "--payload", "2 parsecs", "--data", tmp.toString());

        assertThat(exit).isEqualTo(BenchCommand.USAGE);
        assertThat(err.toString()).contains("not a size: '2 parsecs'");
    }

    private static Map<String, String> figures(String json) {
        Map<String, String> figures = new LinkedHashMap<>();
        Matcher figure = FIGURE.matcher(json);
        while (figure.find()) {
            figures.put(figure.group(1), figure.group(2));
        }
        return figures;
    }
}
