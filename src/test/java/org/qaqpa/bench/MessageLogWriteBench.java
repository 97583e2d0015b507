package org.qaqpa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.StoreMode;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.Directories;
import org.qaqpa.storage.GroupCommit;

/**
 * Append one exchange row (the signed 2 KB request, as received) to the tamper-evident message log,
 * wired as {@code server.Gateway} wires it: H2 in file mode in a temporary directory, migrated by
 * Flyway ({@link Database#open}), one {@link GroupCommit} writer, {@link MessageLog} on the
 * {@code main} chain with the default {@code log.store} ({@code all}: the envelope is stored beside
 * its hash). Each call returns once its row is committed, as a route's does. One writer, and
 * {@value #CONCURRENT_WRITERS} at once, whose rows the log and the group commit fold into shared
 * commits as under load.
 *
 * <p>Baseline in the same run: a plain JDBC insert of the same bytes into a one-table H2 file
 * database with the same write settings, auto-commit on (one commit per row), one connection per
 * thread. Run by {@link BenchMain}; see docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MessageLogWriteBench {

    /** Writers of the concurrent benchmarks: request threads of a gateway under load, all logging. */
    static final int CONCURRENT_WRITERS = 16;

    /** The gateway's message log over its own database, in a temporary directory removed after the trial. */
    @State(Scope.Benchmark)
    public static class GatewayLog {

        private final AtomicLong messages = new AtomicLong();
        private Path dataDir;
        private Database database;
        private GroupCommit writes;
        private MessageLog log;
        private byte[] body;
        private Instant messageDate;

        @Setup(Level.Trial)
        public void open() throws IOException {
            GatewayConfig config = GatewayConfig.defaults();
            dataDir = Files.createTempDirectory("qaqpa-bench-log");
            body = SignVerifyWorkload.shared().signed;
            messageDate = Instant.now();
            database = Database.open(config.database(), dataDir);
            writes = new GroupCommit(database.dataSource(), "qaqpa-db-writes");
            log = new MessageLog(writes, MessageLog.DEFAULT_CHAIN, StoreMode.of(config.log().store()), Clock.systemUTC());
        }

        /** One request row, as {@code RequestLogProcessor} writes it; returns once committed. */
        LoggedRow append() {
            long n = messages.incrementAndGet();
            return log.record(new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "dev-client", "TEST_SERVICE_ID",
                    "bench-" + n, "{bench-session-" + n + "}", null, messageDate, "ACCEPTED", null, body));
        }

        Database database() {
            return database;
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException, IOException {
            // The gateway's order: the log, then the writer it commits through, then the database.
            log.close();
            writes.close();
            database.close();
            Directories.deleteTree(dataDir);
        }
    }

    /** The baseline's database: one table, in a temporary directory removed after the trial. */
    @State(Scope.Benchmark)
    public static class PlainTable {

        private Path dir;
        private JdbcConnectionPool pool;
        private byte[] body;

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            dir = Files.createTempDirectory("qaqpa-bench-plain");
            body = SignVerifyWorkload.shared().signed;
            // The write settings the gateway's H2 file has (storage.Database): every commit written before it returns.
            pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("plain").toAbsolutePath()
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
            pool.setMaxConnections(CONCURRENT_WRITERS + 1);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE plain_log (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, body BYTEA NOT NULL)");
            }
        }

        long rows() throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT COUNT(*) FROM plain_log")) {
                r.next();
                return r.getLong(1);
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } finally {
                pool.dispose();
            }
            Directories.deleteTree(dir);
        }
    }

    /** One benchmark thread's connection to the {@link PlainTable}, with its insert prepared once. */
    @State(Scope.Thread)
    public static class PlainConnection {

        private Connection connection;
        private PreparedStatement insert;
        private byte[] body;

        @Setup(Level.Trial)
        public void open(PlainTable table) throws SQLException {
            body = table.body;
            connection = table.pool.getConnection();
            insert = connection.prepareStatement("INSERT INTO plain_log (body) VALUES (?)");
        }

        /** One row, committed (auto-commit); returns the update count. */
        int insert() throws SQLException {
            insert.setBytes(1, body);
            return insert.executeUpdate();
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            insert.close();
            connection.close();
        }
    }

    /** One writer appends one row and waits for its commit. */
    @Benchmark
    public LoggedRow append(GatewayLog log) {
        return log.append();
    }

    /** {@value #CONCURRENT_WRITERS} writers append at once: the rows of many callers share a commit. */
    @Benchmark
    @Threads(CONCURRENT_WRITERS)
    public LoggedRow appendConcurrently(GatewayLog log) {
        return log.append();
    }

    /** The baseline: one writer inserts the same bytes with plain JDBC, one commit per row. */
    @Benchmark
    public int plainInsert(PlainConnection plain) throws SQLException {
        return plain.insert();
    }

    /** The baseline with {@value #CONCURRENT_WRITERS} writers, each on its own connection. */
    @Benchmark
    @Threads(CONCURRENT_WRITERS)
    public int plainInsertConcurrently(PlainConnection plain) throws SQLException {
        return plain.insert();
    }
}
