package org.qaqpa.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.tools.Server;
import org.qaqpa.config.GatewayConfig;

/**
 * The gateway's relational store (message log, registries): H2 in file mode under the data
 * directory by default, migrated by Flyway from {@code db/migration} at start.
 */
public final class Database implements AutoCloseable {

    /** Beside the H2 file while a gateway has it open: the URL of its local-only TCP server. */
    static final String SERVER_FILE = "qaqpa.tcp";

    private final JdbcConnectionPool pool;
    private final String url;
    private int migrationsApplied;
    private Server localServer;
    private Path serverFile;

    private Database(JdbcConnectionPool pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Opens the configured database (or H2 at {@code dataDir/db/qaqpa}) and migrates it. The
     * default H2 file is also served to tools on this machine ({@link #openExisting}).
     */
    public static Database open(GatewayConfig.Database config, Path dataDir) {
        String url = config.url().orElseGet(() -> defaultUrl(dataDir));
        Database db = connect(config, url);
        try {
            db.migrate();
            if (config.url().isEmpty()) {
                db.serveLocally(dataDir);
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
            return connect(config, config.url().get());
        }
        Path serverFile = dataDir.resolve("db").resolve(SERVER_FILE);
        if (Files.isRegularFile(serverFile)) {
            try {
                Database served = connect(config, Files.readString(serverFile, StandardCharsets.US_ASCII).strip());
                if (served.isUp()) {
                    return served;
                }
                served.close();
            } catch (IOException e) {
                // unreadable: fall back to the file
            }
        }
        return connect(config, defaultUrl(dataDir) + ";IFEXISTS=TRUE");
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

    private static Database connect(GatewayConfig.Database config, String url) {
        String password = config.passwordEnv().map(System::getenv).orElse("");
        return new Database(JdbcConnectionPool.create(url, config.user(), password), url);
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
        if (localServer != null) {
            localServer.stop();
            try {
                Files.deleteIfExists(serverFile);
            } catch (IOException e) {
                // a stale file only costs the next tool one failed connection attempt
            }
        }
        // SHUTDOWN makes H2 write and close the file now, not whenever the last connection goes.
        try (Connection c = pool.getConnection(); var s = c.createStatement()) {
            if (isEmbeddedH2(url)) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            // Already closed or unreachable: nothing more to flush.
        } finally {
            pool.dispose();
        }
    }
}
