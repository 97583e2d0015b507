package org.qaqpa.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.Directories;

/**
 * The console's message-log page over {@value MessageLogSearchBench#DEFAULT_ROWS} rows, in a real browser: the rows
 * of {@link MessageLogSearchBench} generated into a data directory, a gateway with its admin API started on it, and
 * {@code test-tools/console-e2e/search-timing.mjs} timing, in headless chromium, how long the first page of each
 * search takes from the operator's action to the painted table. Run it with the test class path:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.qaqpa.bench.ConsoleSearchBench [rows] [data-dir]};
 * with a data directory that already holds the rows (kept from an earlier run) the generation is skipped, and the
 * directory is kept. A figure, not a test: the result is in docs/benchmarks.md.
 */
public final class ConsoleSearchBench {

    static final int RUNS = 21;

    private ConsoleSearchBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : MessageLogSearchBench.DEFAULT_ROWS;
        boolean keep = args.length > 1;
        Path data = keep ? Path.of(args[1]) : Files.createTempDirectory("qaqpa-bench-console");
        try {
            System.out.print(run(rows, data, RUNS));
        } finally {
            if (!keep) {
                Directories.deleteTree(data);
            }
        }
    }

    /**
     * Generates {@code rows} rows into {@code data} unless an earlier run did, starts a gateway there and times each
     * search {@code runs} times in the browser.
     *
     * @return what search-timing.mjs printed: a line per search
     */
    static String run(int rows, Path data, int runs) throws Exception {
        Path marker = data.resolve("bench-rows");
        String session;
        try (Database database = Database.open(GatewayConfig.defaults().database(), data)) {
            if (!Files.exists(marker)) {
                long t0 = System.nanoTime();
                MessageLogSearchBench.generate(database, rows, Instant.parse("2026-01-01T00:00:00Z"));
                Files.writeString(marker, Integer.toString(rows));
                System.out.printf(Locale.ROOT, "%,d rows generated in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            }
            session = MessageLogSearchBench.sessionOf(database, Integer.parseInt(Files.readString(marker).trim()) / 2);
        }
        // the test gateway writes a fresh development PKI into the data directory, and refuses an existing one
        if (Files.exists(data.resolve("pki"))) {
            Directories.deleteTree(data.resolve("pki"));
        }
        String token = "bench-" + UUID.randomUUID();
        try (TestGateway gateway = TestGateway.start(GatewayConfig.defaults(), data,
                name -> name.equals("QAQPA_ADMIN_TOKEN") ? token : System.getenv(name))) {
            String admin = gateway.gateway().adminUri().orElseThrow().resolve("/").toString();
            Process node = new ProcessBuilder(List.of("node", "search-timing.mjs", "--admin=" + admin, "--token=" + token,
                    "--session=" + session, "--sender=sender-7", "--service=SERVICE_7", "--error-code=PROVIDER_TIMEOUT",
                    "--runs=" + runs))
                    .directory(TestGateway.projectDir().resolve("test-tools/console-e2e").toFile())
                    .redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (node.waitFor() != 0) {
                throw new IllegalStateException("search-timing.mjs exited " + node.exitValue() + ": " + output);
            }
            return output;
        }
    }
}
