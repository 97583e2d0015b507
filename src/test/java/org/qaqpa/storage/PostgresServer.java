package org.qaqpa.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.qaqpa.config.GatewayConfig;

/**
 * A throwaway PostgreSQL server for the integration tests ({@code *IT}, {@code mvn verify -Pintegration}):
 * {@code initdb} into a temporary directory, started with {@code pg_ctl} on a free port of 127.0.0.1 only
 * (no Unix socket), stopped and deleted when the test JVM ends. Password authentication (SCRAM) with the
 * password in {@value #PASSWORD_ENV} (the integration profile sets it, so that {@code qaqpa log} run inside
 * a test finds it as an operator's would) or a random one; a gateway reads it through
 * {@code database.password-env} from {@link #environment}.
 *
 * <p>The binaries are those of the Debian package {@code postgresql} ({@code /usr/lib/postgresql/N/bin},
 * the highest N; {@code QAQPA_PG_BIN} names another directory). PostgreSQL refuses to run as root, and the
 * tests run as root on CI: then every PostgreSQL command runs as the user {@code postgres} the package
 * creates ({@code runuser -u postgres --}), which owns the temporary directory.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser initdb creates, and the user the gateway connects as. */
    public static final String USER = "qaqpa";
    /** The environment variable name {@link #database} puts into {@code database.password-env}. */
    public static final String PASSWORD_ENV = "QAQPA_IT_DB_PASSWORD";

    private static final String OS_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();
    private final java.util.Map<Path, GatewayConfig.Database> byDataDir = new java.util.HashMap<>();

    private PostgresServer(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.password = password;
    }

    /** The server of this JVM, started on first use and stopped (its files deleted) when the JVM ends. */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            PostgresServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "qaqpa-it-postgres-stop"));
            shared = server;
        }
        return shared;
    }

    /** Creates a cluster in a new temporary directory and starts it. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("qaqpa-pg");
        String password = Optional.ofNullable(System.getenv(PASSWORD_ENV)).filter(p -> !p.isBlank())
                .orElseGet(() -> HexFormat.of().formatHex(randomBytes()));
        PostgresServer server = new PostgresServer(bin, dir, freePort(), password);
        try {
            server.initdb();
            server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data.toString(), "-l",
                    dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void initdb() throws IOException, InterruptedException {
        if (asRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName(OS_USER));
        }
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
        if (asRoot()) {
            Files.setOwner(passwordFile, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER));
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
        Files.delete(passwordFile);
        // Appended after initdb's defaults, so these win. fsync off: a test server need not survive a power cut.
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "# qaqpa integration tests (PostgresServer)",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 100", ""), StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);
    }

    /** A new, empty database on this server, as the gateway's {@code database.*} (URL, user, password variable). */
    public GatewayConfig.Database database(String namePrefix) throws SQLException {
        String name = (namePrefix + "_" + databases.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new GatewayConfig.Database(Optional.of(url(name)), USER, Optional.of(PASSWORD_ENV),
                GatewayConfig.defaults().database().poolSize(), GatewayConfig.defaults().database().connectionTimeout());
    }

    /**
     * The database of {@code dataDir}, created empty the first time that directory is named: one database per
     * data directory, as the default H2 file is, so a test that reopens its data directory finds its rows again.
     */
    public synchronized GatewayConfig.Database databaseOf(Path dataDir) throws SQLException {
        GatewayConfig.Database database = byDataDir.get(dataDir);
        if (database == null) {
            database = database("test");
            byDataDir.put(dataDir, database);
        }
        return database;
    }

    /** The process environment with {@link #PASSWORD_ENV} set to this server's password. */
    public Function<String, String> environment() {
        return name -> PASSWORD_ENV.equals(name) ? password : System.getenv(name);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A direct connection to the database of {@code config} (made by {@link #database}), for checks beside the gateway. */
    public Connection connect(GatewayConfig.Database config) throws SQLException {
        return DriverManager.getConnection(config.url().orElseThrow(), USER, password);
    }

    /** Stops the server (fast shutdown: open sessions are ended) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgresServer: stopping the test server in " + dir + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Directories.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("PostgresServer: cannot delete " + dir + ": " + e.getMessage());
            }
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("qaqpa-pg-command", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(dir.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                Path log = dir.resolve("postgres.log");
                throw new IllegalStateException(String.join(" ", full) + " failed with exit code " + process.exitValue()
                        + ":\n" + Files.readString(output) + (Files.isReadable(log) ? "\npostgres.log:\n" + Files.readString(log) : ""));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path binaries() {
        String configured = System.getenv("QAQPA_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path installed = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(installed) ? Files.list(installed) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
                            + " (apt-get install -y postgresql; .ci/run does) and QAQPA_PG_BIN is not set"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + installed + ": " + e.getMessage(), e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
