package org.qaqpa.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;

/**
 * {@link H2Compaction} on an H2 file opened as the gateway opens its own ({@code WRITE_DELAY=0}) and written the
 * way the gateway writes it: one commit per row. The file is not a {@link Database}'s, whose own job would
 * compact it meanwhile.
 */
class H2CompactionTest {

    @TempDir
    Path data;

    private JdbcConnectionPool db;

    @BeforeEach
    void open() throws Exception {
        db = JdbcConnectionPool.create("jdbc:h2:file:" + data.resolve("scratch").toAbsolutePath() + ";WRITE_DELAY=0",
                "sa", "");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch (id VARCHAR(36) PRIMARY KEY, k VARCHAR(36), body VARCHAR(2000))");
            s.execute("CREATE INDEX scratch_k ON scratch (k)");
            // H2 rewrites only chunks older than its retention time (45 s): none would be in a test.
            H2Compaction.store(c).orElseThrow().setRetentionTime(0);
        }
    }

    @AfterEach
    void close() {
        db.dispose();
    }

    @Test
    void oneCommitPerRowLeavesAChunkPerCommitUntilCompacted() throws Exception {
        insertOneCommitEach(1_000);
        long before = chunks();
        assertThat(before).as("chunks after 1,000 commits").isGreaterThan(500);

        H2Compaction compaction = new H2Compaction(db);
        boolean rewrote = false;
        for (int pass = 0; pass < 20; pass++) {
            rewrote |= compaction.runOnce();
            // The next commit frees the chunks the pass emptied.
            insertOneCommitEach(1);
        }

        assertThat(chunks()).as("chunks after compaction, from %d", before).isLessThan(before / 4);
        assertThat(rewrote).isTrue();
        assertThat(rows()).isEqualTo(1_020);
    }

    @Test
    void findsNoFileStoreBehindAnInMemoryDatabase() throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:compaction-test", "sa", "")) {
            assertThat(H2Compaction.store(c)).isEmpty();
        }
    }

    @Test
    void theGatewaysDatabaseRunsTheJobUntilClosed() {
        // Other tests' gateways in this JVM (a shared one stays open) run their own jobs: count this one's.
        long before = compactionThreads();
        try (Database gateways = Database.open(GatewayConfig.defaults().database(), data.resolve("gateway"))) {
            assertThat(compactionThreads()).isEqualTo(before + 1);
        }
        assertThat(compactionThreads()).isEqualTo(before);
    }

    private static long compactionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("qaqpa-h2-compaction") && thread.isAlive()).count();
    }

    private void insertOneCommitEach(int rows) throws SQLException {
        String body = "x".repeat(1_500);
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO scratch VALUES (?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, body);
                insert.executeUpdate();
            }
        }
    }

    private long chunks() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNK_COUNT'")) {
            r.next();
            return Long.parseLong(r.getString(1));
        }
    }

    private long rows() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM scratch")) {
            r.next();
            return r.getLong(1);
        }
    }
}
