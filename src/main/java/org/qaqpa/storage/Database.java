package org.qaqpa.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;
import org.qaqpa.config.GatewayConfig;

/**
 * The gateway's relational store (message log, replay cache, async states): H2 in file mode under the
 * data directory by default, or the database {@code database.url} names (PostgreSQL in production),
 * migrated by Flyway from {@code db/migration} at start — the same migrations for both.
 *
 * <p><b>Pools.</b> Any database but H2 (PostgreSQL) is reached through HikariCP: its connections are
 * TCP sessions worth keeping, checking and replacing, and a wrong URL or password fails the start at
 * once. H2 keeps H2's own {@link JdbcConnectionPool}: in-process connections are objects in this JVM,
 * the crash and shutdown behaviour of the embedded default (WRITE_DELAY=0, SHUTDOWN at close) was proven
 * with it, and the tools' fallback from a gateway's stale H2 server file to the file itself relies on
 * its lazy first connection. Both hold at most {@code database.pool-size} connections.
 */
public final class Database implements AutoCloseable {

    /** Beside the H2 file while a gateway has it open: the URL of its local-only TCP server. */
    static final String SERVER_FILE = "qaqpa.tcp";
    /** Connections a tool ({@code qaqpa log}, the benchmark's counter) needs: it reads on one at a time. */
    private static final int TOOL_POOL_SIZE = 2;

    private final DataSource pool;
    private final Runnable closePool;
    private final String url;
    private int migrationsApplied;
    private Server localServer;
    private Path serverFile;
    private PeriodicJob compaction;

    private Database(DataSource pool, Runnable closePool, String url) {
        this.pool = pool;
        this.closePool = closePool;
        this.url = url;
    }

    /**
     * Opens the configured database (or H2 at {@code dataDir/db/qaqpa}) and migrates it. The
     * default H2 file is also served to tools on this machine ({@link #openExisting}).
     */
    public static Database open(GatewayConfig.Database config, Path dataDir) {
        return open(config, dataDir, System::getenv);
    }

    /** As {@link #open(GatewayConfig.Database, Path)}, reading {@code database.password-env} from {@code environment}. */
    public static Database open(GatewayConfig.Database config, Path dataDir, Function<String, String> environment) {
        String url = config.url().orElseGet(() -> defaultUrl(dataDir));
        Database db = connect(config, url, config.poolSize(), environment);
        try {
            db.migrate();
            if (config.url().isEmpty()) {
                db.serveLocally(dataDir);
            }
            if (isEmbeddedH2(url)) {
                db.compaction = H2Compaction.start(db.pool);
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Opens the database a gateway with this configuration uses, for tools ({@code qaqpa log}): no
     * migration, and the default H2 file must exist already (a tool must not create an empty one).
     * An embedded H2 file is locked by the gateway that has it open, so while a gateway runs the
     * tool goes through that gateway's H2 TCP server, which accepts connections from this machine
     * only (not H2's AUTO_SERVER, which would accept other hosts).
     */
    public static Database openExisting(GatewayConfig.Database config, Path dataDir) {
        if (config.url().isPresent()) {
            return connect(config, config.url().get(), TOOL_POOL_SIZE, System::getenv);
        }
        Path serverFile = dataDir.resolve("db").resolve(SERVER_FILE);
        if (Files.isRegularFile(serverFile)) {
            try {
                Database served = connect(config, Files.readString(serverFile, StandardCharsets.US_ASCII).strip(),
                        TOOL_POOL_SIZE, System::getenv);
                if (served.isUp()) {
                    return served;
                }
                served.close();
            } catch (IOException e) {
                // unreadable: fall back to the file
            }
        }
        return connect(config, defaultUrl(dataDir) + ";IFEXISTS=TRUE", TOOL_POOL_SIZE, System::getenv);
    }

    /** A TCP server without {@code -tcpAllowOthers}: H2 refuses connections from other hosts. */
    private void serveLocally(Path dataDir) {
        try {
            localServer = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
            serverFile = dataDir.resolve("db").resolve(SERVER_FILE);
            String served = "jdbc:h2:tcp://127.0.0.1:" + localServer.getPort() + "/"
                    + dataDir.resolve("db").resolve("qaqpa").toAbsolutePath() + ";IFEXISTS=TRUE";
            Files.writeString(serverFile, served + System.lineSeparator(), StandardCharsets.US_ASCII);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot serve the database to local tools: " + e.getMessage(), e);
        }
    }

    /**
     * WRITE_DELAY=0: H2 writes a commit to its file before the commit returns, instead of up to 500 ms
     * later. Without it a killed process loses its last commits — message-log rows, and async delivery
     * states whose broker acknowledgement did survive (an async message would stay ON_DELIVERY forever).
     */
    private static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("qaqpa").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private static Database connect(GatewayConfig.Database config, String url, int poolSize,
                                    Function<String, String> environment) {
        String password = config.passwordEnv().map(environment).orElse("");
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool h2 = JdbcConnectionPool.create(url, config.user(), password);
            h2.setMaxConnections(poolSize);
            return new Database(h2, h2::dispose, url);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("qaqpa-db");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        try {
            HikariDataSource server = new HikariDataSource(hikari);
            return new Database(server, server::close, url);
        } catch (RuntimeException e) {
            // HikariCP opens a first connection at once: a wrong URL, user or password ends the start here.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot connect to the database " + url + " as '" + config.user() + "': "
                    + cause.getMessage(), e);
        }
    }

    private void migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        migrationsApplied = result.migrationsExecuted;
    }

    public DataSource dataSource() {
        return pool;
    }

    public String url() {
        return url;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** True when a connection answers a trivial query within a second. */
    public boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** H2 in this process (file or memory), as opposed to an H2 server other nodes may share. */
    private static boolean isEmbeddedH2(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    @Override
    public void close() {
        if (compaction != null) {
            try {
                compaction.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (localServer != null) {
            localServer.stop();
            try {
                Files.deleteIfExists(serverFile);
            } catch (IOException e) {
                // a stale file only costs the next tool one failed connection attempt
            }
        }
        // SHUTDOWN makes H2 write and close the file now, not whenever the last connection goes.
        if (isEmbeddedH2(url)) {
            try (Connection c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Already closed or unreachable: nothing more to flush.
            }
        }
        closePool.run();
    }
}
