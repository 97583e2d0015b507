package org.qaqpa.log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.Database;

/** Entries and database access shared by the message-log tests. */
final class LogFixtures {

    private LogFixtures() {
    }

    /** The gateway's own H2 file database in {@code dataDir}, migrated. */
    static Database database(Path dataDir) {
        return Database.open(GatewayConfig.defaults().database(), dataDir);
    }

    static LogEntry request(String sessionId, String envelope) {
        return new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "dev-client", "TEST_SERVICE_ID",
                "m-" + sessionId, sessionId, null, Instant.parse("2026-11-23T05:00:00.123456789Z"), "RECEIVED", null,
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    static LogEntry fault(String sessionId, String envelope) {
        return new LogEntry(LogEntry.Kind.FAULT, LogEntry.Channel.SYNC, "dev-client", "TEST_SERVICE_ID",
                "m-" + sessionId, sessionId, "c-1", null, "REFUSED", "SERVICE_NOT_FOUND",
                envelope.getBytes(StandardCharsets.UTF_8));
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement select = c.prepareStatement(sql);
             ResultSet r = select.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs an UPDATE or DELETE directly, as someone with write access to the database could. */
    static int execute(Database db, String sql, Object... parameters) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
