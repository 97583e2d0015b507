package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;

/**
 * 200 concurrent clients × 50 signed requests each through the whole sync channel to the sandbox
 * echo: every request answered with its own payload, every exchange in the message log exactly
 * once (a request row and a response row), the chain intact, no ERROR line in the gateway's log. Correctness under load, not speed:
 * no time is asserted (speed is measured by the benchmarks).
 */
class SyncLoadTest {

    private static final int CLIENTS = 200;
    private static final int REQUESTS_EACH = 50;
    private static final Pattern SESSION_ID = Pattern.compile("<sessionId>([^<]+)</sessionId>");

    @Test
    @Timeout(900)
    void answersEveryRequestAndLogsEveryExchangeOnce(@TempDir Path data) throws Exception {
        PrintStream stderr = System.err;
        ErrorLines errors = new ErrorLines(stderr);
        // Logback's console writes to whatever System.err is at each line: the gateway's log passes through here
        System.setErr(errors);
        try (TestGateway gateway = TestGateway.start(data)) {
            Map<String, String> sessionByPayload = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                results.add(clients.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < REQUESTS_EACH; i++) {
                        String marker = "c" + c + "-r" + i + "-" + UUID.randomUUID();
                        SoapResponse answer = gateway.postSigned("/bip-sync/",
                                Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>" + marker + "</ping>"));
                        if (answer.status() != 200 || !answer.body().contains("<ping>" + marker + "</ping>")) {
                            problems.add(marker + ": HTTP " + answer.status() + " " + answer.errorCode());
                            continue;
                        }
                        Matcher session = SESSION_ID.matcher(answer.body());
                        sessionByPayload.put(marker, session.find() ? session.group(1) : "none");
                    }
                    return problems;
                }));
            }
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> result : results) {
                problems.addAll(result.get());
            }
            clients.shutdown();

            assertThat(problems).isEmpty();
            assertThat(sessionByPayload).hasSize(CLIENTS * REQUESTS_EACH);
            assertThat(sessionByPayload.values()).doesNotHaveDuplicates();
            // every exchange is in the log exactly once: one request row, one response row
            for (String sessionId : sample(new ArrayList<>(sessionByPayload.values()), 500)) {
                List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(sessionId);
                assertThat(rows).extracting(LoggedRow::kind).containsExactly(LogEntry.Kind.REQUEST, LogEntry.Kind.RESPONSE);
            }
            ChainReport report = gateway.gateway().messageLogVerifier().verify();
            assertThat(report.broken()).as(report.toString()).isEmpty();
            assertThat(report.rows()).isEqualTo(2L * CLIENTS * REQUESTS_EACH);
            assertThat(errors.started()).as("the gateway's log passed through the capture").isTrue();
            assertThat(errors.lines()).as("ERROR lines in the gateway log").isEmpty();
        } finally {
            System.setErr(stderr);
        }
    }

    /** Passes everything on, keeping the lines the log marks {@code [ERROR]} (Logback writes each line as bytes). */
    private static final class ErrorLines extends PrintStream {

        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder pending = new StringBuilder();
        private volatile boolean started;

        ErrorLines(PrintStream target) {
            super(target, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            synchronized (pending) {
                pending.append(new String(buf, off, len, java.nio.charset.StandardCharsets.UTF_8));
                for (int end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
                    inspect(pending.substring(0, end));
                    pending.delete(0, end + 1);
                }
            }
            super.write(buf, off, len);
        }

        @Override
        public void println(String line) {
            inspect(line);
            super.println(line);
        }

        private void inspect(String line) {
            if (line != null && line.contains("[ERROR]")) {
                lines.add(line);
            }
            if (line != null && line.contains("trusting the development PKI")) { // a WARN line of every start (tests log at WARN)
                started = true;
            }
        }

        boolean started() {
            return started;
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }

    /** Every {@code n}-th element: enough to catch a missing or doubled row without 10,000 queries. */
    private static List<String> sample(List<String> all, int count) {
        List<String> picked = new ArrayList<>();
        int step = Math.max(1, all.size() / count);
        for (int i = 0; i < all.size(); i += step) {
            picked.add(all.get(i));
        }
        return picked;
    }
}
