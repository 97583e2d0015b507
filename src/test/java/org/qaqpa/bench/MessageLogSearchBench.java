package org.qaqpa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.MessageLogSearch;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.Directories;

/**
 * The admin API's message-log search ({@code GET /admin/log}) over {@value #DEFAULT_ROWS} generated rows: H2 in
 * file mode, migrated by Flyway as the gateway's database ({@link Database#open}), rows inserted by plain JDBC
 * batches (their hashes are not a chain: the search never reads them). Then, per query, the first page of 50
 * and a page deep in the result (through the cursor) are each fetched {@value #RUNS} times; the median and the
 * worst are printed. Run it with the test class path:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.qaqpa.bench.MessageLogSearchBench [rows]}.
 * A figure, not a test: the result is in docs/benchmarks.md.
 */
public final class MessageLogSearchBench {

    static final int DEFAULT_ROWS = 1_000_000;
    static final int RUNS = 21;
    private static final int BATCH = 5_000;
    private static final int SENDERS = 200;
    private static final int SERVICES = 50;
    private static final String[] ERRORS = {"SERVICE_NOT_FOUND", "PROVIDER_TIMEOUT", "SIGNATURE_INVALID"};

    private MessageLogSearchBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROWS;
        Path dataDir = Files.createTempDirectory("qaqpa-bench-search");
        try (Database database = Database.open(GatewayConfig.defaults().database(), dataDir)) {
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            long t0 = System.nanoTime();
            generate(database, rows, start);
            System.out.printf(Locale.ROOT, "%,d rows generated in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            MessageLogSearch search = new MessageLogSearch(database.dataSource());
            String session = sessionOf(database, rows / 2);
            Instant lastDay = start.plusSeconds(rows - 86_400L);
            Map<String, MessageLogSearch.Query> queries = new LinkedHashMap<>();
            queries.put("no filter", query(null, null, null, null, null, null));
            queries.put("sender", query("sender-7", null, null, null, null, null));
            queries.put("service", query(null, "SERVICE_7", null, null, null, null));
            queries.put("errorCode", query(null, null, null, "PROVIDER_TIMEOUT", null, null));
            queries.put("sessionId", query(null, null, session, null, null, null));
            queries.put("sender+errorCode", query("sender-7", null, null, "PROVIDER_TIMEOUT", null, null));
            queries.put("time window (last day)", query(null, null, null, null, lastDay, null));
            queries.put("sender+time window (first day)", query("sender-7", null, null, null, start,
                    start.plus(Duration.ofDays(1))));
            for (Map.Entry<String, MessageLogSearch.Query> entry : queries.entrySet()) {
                measure(search, entry.getKey(), entry.getValue());
            }
        } finally {
            Directories.deleteTree(dataDir);
        }
    }

    private static MessageLogSearch.Query query(String sender, String service, String session, String error,
                                                Instant from, Instant to) {
        return new MessageLogSearch.Query(Optional.ofNullable(sender), Optional.ofNullable(service),
                Optional.ofNullable(session), Optional.ofNullable(error), Optional.ofNullable(from), Optional.ofNullable(to),
                50, OptionalLong.empty());
    }

    private static void measure(MessageLogSearch search, String name, MessageLogSearch.Query query) throws SQLException {
        double[] first = new double[RUNS];
        double[] deep = new double[RUNS];
        int found = 0;
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            MessageLogSearch.Page page = search.search(query);
            first[run] = (System.nanoTime() - t0) / 1e6;
            found = page.rows().size();
            // page 21: 20 cursor steps down; only the last step is timed
            MessageLogSearch.Page deeper = page;
            for (int step = 0; step < 20 && deeper.next().isPresent(); step++) {
                long t1 = System.nanoTime();
                deeper = search.search(new MessageLogSearch.Query(query.senderId(), query.serviceId(), query.sessionId(),
                        query.errorCode(), query.from(), query.to(), query.limit(), deeper.next()));
                deep[run] = (System.nanoTime() - t1) / 1e6;
            }
        }
        Arrays.sort(first);
        Arrays.sort(deep);
        System.out.printf(Locale.ROOT, "%-32s first page (%d rows): median %6.2f ms, max %6.2f ms; page 21: median %6.2f ms%n",
                name, found, first[RUNS / 2], first[RUNS - 1], deep[RUNS / 2]);
    }

    /**
     * One row a second from {@code start}: 200 senders, 50 services, a fault (one of three codes) every 100th
     * row, a session of two rows (request and answer).
     */
    static void generate(Database database, int rows, Instant start) throws SQLException {
        String zeros = "0".repeat(64);
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO message_log (chain_id, chain_position, logged_at,"
                     + " kind, channel, sender_id, service_id, message_id, session_id, status, error_code, size_bytes,"
                     + " body_sha256, prev_hash, row_hash) VALUES ('bench', ?, ?, ?, 'SYNC', ?, ?, ?, ?, ?, ?, 2048, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                boolean fault = i % 100 == 0;
                insert.setLong(1, i);
                insert.setObject(2, start.plusSeconds(i).atOffset(ZoneOffset.UTC));
                insert.setString(3, fault ? "FAULT" : i % 2 == 0 ? "RESPONSE" : "REQUEST");
                insert.setString(4, "sender-" + (i / 2) % SENDERS);
                insert.setString(5, "SERVICE_" + (i / 2) % SERVICES);
                insert.setString(6, "m-" + i / 2);
                insert.setString(7, "{00000000-0000-0000-0000-" + String.format(Locale.ROOT, "%012d", i / 2) + "}");
                insert.setString(8, fault ? "REFUSED" : "ANSWERED");
                insert.setString(9, fault ? ERRORS[(i / 100) % ERRORS.length] : null);
                insert.setString(10, zeros);
                insert.setString(11, zeros);
                insert.setString(12, zeros);
                insert.addBatch();
                if (i % BATCH == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    static String sessionOf(Database database, int row) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT session_id FROM message_log WHERE chain_position = ?")) {
            select.setLong(1, row);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
