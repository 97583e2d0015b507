package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.StoreMode;
import org.qaqpa.storage.Database;
import picocli.CommandLine;

/** {@code qaqpa log verify|show|trace} over real H2 files that gateway-like writers filled and closed. */
class LogCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T05:00:00Z"), ZoneOffset.UTC);
    private static final String SESSION = "{3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}";

    @TempDir
    Path dir;

    private Path data;
    private Path config;
    private final List<LoggedRow> rows = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void logOneExchangeAndAnother() throws Exception {
        data = dir.resolve("data");
        config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("qaqpa.yaml"), "# defaults\n");
        try (Database db = Database.open(GatewayConfig.defaults().database(), data);
             MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            rows.add(log.record(entry(LogEntry.Kind.REQUEST, SESSION, "RECEIVED", null, "<request/>")));
            rows.add(log.record(entry(LogEntry.Kind.REQUEST, "{other}", "RECEIVED", null, "<other/>")));
            rows.add(log.record(entry(LogEntry.Kind.FAULT, SESSION, "REFUSED", "SERVICE_NOT_FOUND", "<fault/>")));
        }
    }

    @Test
    void verifyPrintsTheRowCountAndTheHead() {
        assertThat(run("log", "verify", "--data", data.toString(), "--config", config.toString())).isZero();

        assertThat(out.toString()).isEqualTo("log ok: 3 rows, head " + rows.get(2).rowHash() + System.lineSeparator());
    }

    @Test
    void verifyExitsOneAndNamesTheEditedRow() throws Exception {
        try (Database db = Database.open(GatewayConfig.defaults().database(), data);
             Connection c = db.dataSource().getConnection();
             PreparedStatement edit = c.prepareStatement("UPDATE message_log SET status = 'ANSWERED' WHERE id = ?")) {
            edit.setLong(1, rows.get(2).id());
            edit.executeUpdate();
        }

        assertThat(run("log", "verify", "--data", data.toString(), "--config", config.toString())).isEqualTo(1);

        assertThat(out.toString()).startsWith("log BROKEN: row id " + rows.get(2).id() + ", chain 'main' position 3:"
                + " its content does not give its row_hash: the row was edited");
        assertThat(out.toString()).contains("2 rows verified before it");
    }

    @Test
    void archiveMovesOldRowsAndVerifyChecksTheFiles() throws Exception {
        Path archive = dir.resolve("archive");
        String[] database = {"--data", data.toString(), "--config", config.toString()};

        assertThat(run(concat(new String[] {"log", "archive", "--before", "2026-11-24", "--to", archive.toString()}, database)))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("archived chain 'main' positions 1 to 2 (logged 2026-11-23T05:00:00Z")
                .endsWith("log archive: 2 rows in 1 chunks" + System.lineSeparator());
        assertThat(archive.resolve("main/000000000001-000000000002.log")).isRegularFile();

        out.getBuffer().setLength(0);
        assertThat(run(concat(new String[] {"log", "verify", "--archive", archive.toString()}, database))).isZero();
        assertThat(out.toString()).isEqualTo("log ok: 1 rows, head " + rows.get(2).rowHash() + "; before them 2 archived rows,"
                + " checked in " + archive + System.lineSeparator());
    }

    @Test
    void archiveRefusesADateItCannotRead() {
        assertThat(run("log", "archive", "--before", "last week", "--to", dir.resolve("archive").toString(),
                "--data", data.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--before must be a date");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void verifyExitsThreeWhenTheDataDirectoryHasNoDatabase() {
        assertThat(run("log", "verify", "--data", dir.resolve("elsewhere").toString(), "--config", config.toString()))
                .isEqualTo(3);

        assertThat(err.toString()).startsWith("no database in " + dir.resolve("elsewhere").resolve("db"));
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void verifyExitsTwoOnABadConfiguration() throws Exception {
        Files.writeString(config.resolve("qaqpa.yaml"), "log:\n  store: everything\n");

        assertThat(run("log", "verify", "--data", data.toString(), "--config", config.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("qaqpa.yaml:2: 'log.store' must be one of all, metadata, got 'everything'");
    }

    @Test
    void readsTheRegionalFileWithProfileRegional() throws Exception {
        Files.writeString(config.resolve("regional.yaml"), "federation:\n  profile: regional\n");

        assertThat(run("log", "verify", "--profile", "regional", "--data", data.toString(), "--config", config.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("regional.yaml:2: 'federation.profile' is regional, which needs"
                + " 'federation.upstream.url'");
    }

    @Test
    void showPrintsTheRowsOfOneExchangeInOrder() {
        assertThat(run("log", "show", "--session", SESSION, "--data", data.toString(), "--config", config.toString()))
                .isZero();

        assertThat(out.toString().lines().toList()).containsExactly(
                "2026-11-23T05:00:00Z  REQUEST  SYNC  sender=dev-client  service=TEST_SERVICE_ID  messageId=m-1"
                        + "  status=RECEIVED  errorCode=-  size=10  sha256=" + rows.get(0).bodySha256(),
                "2026-11-23T05:00:00Z  FAULT  SYNC  sender=dev-client  service=TEST_SERVICE_ID  messageId=m-1"
                        + "  status=REFUSED  errorCode=SERVICE_NOT_FOUND  size=8  sha256=" + rows.get(2).bodySha256());
    }

    @Test
    void showPrintsTheStoredEnvelopesWithBodies() {
        assertThat(run("log", "show", "--session", SESSION, "--bodies", "--data", data.toString(),
                "--config", config.toString())).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo("<request/>");
        assertThat(lines.get(3)).isEqualTo("<fault/>");
    }

    @Test
    void showExitsOneForAnUnknownSession() {
        assertThat(run("log", "show", "--session", "{nobody}", "--data", data.toString(), "--config", config.toString()))
                .isEqualTo(1);

        assertThat(err.toString()).startsWith("no message-log row has sessionId {nobody}");
    }

    @Test
    void tracePrintsOneTimelineOfTheExchangeFromEveryNode() throws Exception {
        String session = "{9d7c1c2e-5a0b-4f8e-9a55-6f2b1c3d4e5f}";
        Path regional = dir.resolve("data-regional");
        Path national = dir.resolve("data-national");
        Instant t0 = Instant.parse("2026-11-23T06:00:00Z");
        // the regional node logs the member's request first and the answer last; the national node in between
        writeRows(regional, List.of(t0, t0.plusMillis(300)), new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC,
                        "dev-client", null, "TEST_SERVICE_ID", "m-9", session, null, null, "ACCEPTED", null, new byte[1]),
                new LogEntry(LogEntry.Kind.RESPONSE, LogEntry.Channel.SYNC, "dev-client", null, "TEST_SERVICE_ID", "m-9",
                        session, null, null, "ANSWERED", null, new byte[2]));
        writeRows(national, List.of(t0.plusMillis(100), t0.plusMillis(200)), new LogEntry(LogEntry.Kind.REQUEST,
                        LogEntry.Channel.SYNC, "dev-region", "dev-client", "TEST_SERVICE_ID", "m-9", session, null, null,
                        "ACCEPTED", null, new byte[3]),
                new LogEntry(LogEntry.Kind.RESPONSE, LogEntry.Channel.SYNC, "dev-region", "dev-client", "TEST_SERVICE_ID",
                        "m-9", session, null, null, "ANSWERED", null, new byte[4]));

        assertThat(run("log", "trace", session, "--data", regional.toString(), "--data", national.toString())).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(regional + "  2026-11-23T06:00:00Z  REQUEST  SYNC  sender=dev-client  service=");
        assertThat(lines.get(1)).startsWith(national + "  2026-11-23T06:00:00.100Z  REQUEST  SYNC  sender=dev-region"
                + "  originalSender=dev-client  service=TEST_SERVICE_ID");
        assertThat(lines.get(2)).startsWith(national + "  2026-11-23T06:00:00.200Z  RESPONSE");
        assertThat(lines.get(3)).startsWith(regional + "  2026-11-23T06:00:00.300Z  RESPONSE").contains("size=2");
    }

    @Test
    void traceExitsOneWhenNoNodeHasTheSession() {
        assertThat(run("log", "trace", "{nobody}", "--data", data.toString())).isEqualTo(1);

        assertThat(err.toString()).startsWith("no node has a message-log row with sessionId {nobody}");
    }

    @Test
    void traceExitsThreeWhenANodeHasNoDatabase() {
        assertThat(run("log", "trace", SESSION, "--data", data.toString(), "--data", dir.resolve("elsewhere").toString()))
                .isEqualTo(3);

        assertThat(err.toString()).startsWith("cannot read the message log of " + dir.resolve("elsewhere") + ": no database in "
                + dir.resolve("elsewhere").resolve("db"));
    }

    /** A node's log in {@code data}: {@code entries} logged at {@code times}, one each. */
    private static void writeRows(Path data, List<Instant> times, LogEntry... entries) throws Exception {
        for (int i = 0; i < entries.length; i++) {
            try (Database db = Database.open(GatewayConfig.defaults().database(), data);
                 MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL,
                         Clock.fixed(times.get(i), ZoneOffset.UTC))) {
                log.record(entries[i]);
            }
        }
    }

    private static LogEntry entry(LogEntry.Kind kind, String session, String status, String errorCode, String body) {
        return new LogEntry(kind, LogEntry.Channel.SYNC, "dev-client", "TEST_SERVICE_ID", "m-1", session, null, null,
                status, errorCode, body.getBytes(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new QaqpaCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
