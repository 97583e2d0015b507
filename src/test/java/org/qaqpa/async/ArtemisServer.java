package org.qaqpa.async;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.Directories;

/**
 * Brokers of the Apache ActiveMQ Artemis distribution for the integration tests ({@code *IT}): a standalone
 * broker, or an HA pair (primary and backup on one shared store), each made with the distribution's
 * {@code artemis create} in a temporary directory and run as a child process ({@code artemis run}) on free
 * ports of 127.0.0.1, with security on and one user ({@link #USER}). What the brokers print goes to
 * {@code NAME.out} files in that directory; {@link #logs()} returns them for a failed test. {@link #close}
 * stops the processes and deletes the directory.
 *
 * <p>The distribution is the one {@code scripts/artemis-install} unpacks (in {@code target/artemis}; the
 * integration profile passes its directory as {@code qaqpa.artemis.home}). The brokers run on the Java that
 * runs the test ({@code JAVA_HOME}). Their journal is written without fsync: a killed broker process loses
 * nothing the operating system took, and a power cut is not what these tests play.
 */
public final class ArtemisServer implements AutoCloseable {

    public static final String USER = "qaqpa-gateway";
    public static final String PASSWORD = "broker-it-secret";
    /** The environment variables of qaqpa.yaml's defaults ({@code async.broker-user-env}, {@code -password-env}). */
    public static final String USER_ENV = "QAQPA_BROKER_USER";
    public static final String PASSWORD_ENV = "QAQPA_BROKER_PASSWORD";

    private static final String ACTIVE = "AMQ221007";
    private static final String BACKUP_ANNOUNCED = "AMQ221031";
    private static final String BACKUP_ACTIVE = "AMQ221010";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Broker> brokers = new ArrayList<>();

    private ArtemisServer(Path dir) {
        this.dir = dir;
    }

    /** One broker with its own journal. */
    public static ArtemisServer standalone() throws IOException, InterruptedException {
        ArtemisServer server = new ArtemisServer(Files.createTempDirectory("qaqpa-artemis"));
        try {
            server.start(server.create("broker", freePort(), List.of()), ACTIVE);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A primary and its backup on one shared store (the same journal directory; the backup waits for the
     * primary's file lock and takes over when the primary's process ends), in one static cluster so that
     * the primary announces the backup to clients. Returns once the backup has announced itself.
     */
    public static ArtemisServer sharedStorePair() throws IOException, InterruptedException {
        ArtemisServer server = new ArtemisServer(Files.createTempDirectory("qaqpa-artemis"));
        try {
            int primaryPort = freePort();
            int backupPort = freePort();
            String shared = server.dir.resolve("shared-store").toString();
            List<String> ha = List.of("--shared-store", "--clustered", "--cluster-user", "qaqpa-cluster",
                    "--cluster-password", "cluster-it-secret", "--data", shared);
            Broker primary = server.create("primary", primaryPort, concat(ha, "--staticCluster", "tcp://127.0.0.1:" + backupPort));
            Broker backup = server.create("backup", backupPort,
                    concat(ha, "--backup", "--staticCluster", "tcp://127.0.0.1:" + primaryPort));
            server.start(primary, ACTIVE);
            server.start(backup, BACKUP_ANNOUNCED);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The gateway's {@code async.broker-url}: the broker's acceptor, or for a pair both acceptors with client
     * failover on ({@code ha=true}, {@code reconnectAttempts=-1}: Artemis' client moves the connection to the
     * backup; a call waits at most {@code callFailoverTimeout} for that, then fails instead of hanging).
     */
    public String url() {
        if (brokers.size() == 1) {
            return "tcp://127.0.0.1:" + brokers.get(0).port;
        }
        return brokers.stream().map(b -> "tcp://127.0.0.1:" + b.port).collect(Collectors.joining(",", "(", ")"))
                + "?ha=true&reconnectAttempts=-1&retryInterval=200&callFailoverTimeout=20000";
    }

    /** {@code async} using this broker, its login in {@value #USER_ENV} / {@value #PASSWORD_ENV}. */
    public GatewayConfig.Async external(GatewayConfig.Async async) {
        return async.withExternalBroker(url(), USER_ENV, PASSWORD_ENV);
    }

    /** {@code others} with this broker's user and password added. */
    public Function<String, String> environment(Function<String, String> others) {
        Map<String, String> login = Map.of(USER_ENV, USER, PASSWORD_ENV, PASSWORD);
        return name -> login.containsKey(name) ? login.get(name) : others.apply(name);
    }

    /** Ends the primary's process at once (SIGKILL), as a crash would: no shutdown, no goodbye to clients. */
    public void killPrimary() throws InterruptedException {
        Broker primary = brokers.get(0);
        primary.process.descendants().forEach(ProcessHandle::destroyForcibly);
        primary.process.destroyForcibly();
        primary.process.waitFor();
    }

    /** Waits until the backup has taken over from the primary (its "Backup Server is now active" line). */
    public void awaitBackupActive() {
        await(brokers.get(1), BACKUP_ACTIVE);
    }

    /** What the brokers printed, each file under its name, for a failed test's report. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (Broker broker : brokers) {
            out.append("----- ").append(broker.output).append(" -----\n");
            try {
                out.append(Files.readString(broker.output, StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    /** Stops the brokers (backup first, so the primary's stop does not hand over), and deletes their directory. */
    @Override
    public void close() {
        for (int i = brokers.size() - 1; i >= 0; i--) {
            stop(brokers.get(i));
        }
        try {
            Directories.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("ArtemisServer: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private Broker create(String name, int port, List<String> options) throws IOException, InterruptedException {
        Path instance = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/artemis").toString(), "create",
                "--silent", "--user", USER, "--password", PASSWORD, "--require-login",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                // Only the one core acceptor: the others would listen on fixed ports, as would the web console.
                "--no-web", "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-mqtt-acceptor", "--no-hornetq-acceptor",
                "--nio", "--no-autotune", "--no-fsync", "--java-memory", "512M", "--name", name));
        command.addAll(options);
        command.add(instance.toString());
        Path output = dir.resolve(name + "-create.out");
        Process create = process(command, output).start();
        if (!create.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create " + name + " did not finish within " + START_TIMEOUT);
        }
        if (create.exitValue() != 0) {
            throw new IllegalStateException("artemis create " + name + " failed with exit code " + create.exitValue()
                    + ":\n" + Files.readString(output));
        }
        return new Broker(name, instance, port, dir.resolve(name + ".out"));
    }

    private void start(Broker broker, String readyLine) throws IOException {
        broker.process = process(List.of(broker.instance.resolve("bin/artemis").toString(), "run"), broker.output).start();
        brokers.add(broker);
        await(broker, readyLine);
    }

    /** Waits for {@code line} in what {@code broker} prints; a broker that ends or takes too long fails with its output. */
    private void await(Broker broker, String line) {
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!broker.process.isAlive()) {
                    throw new IllegalStateException("it ended with exit code " + broker.process.exitValue());
                }
                return Files.readString(broker.output, StandardCharsets.UTF_8).contains(line);
            });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new IllegalStateException("the Artemis broker '" + broker.name + "' did not print " + line + " ("
                    + e.getMessage() + "):\n" + logs(), e);
        }
    }

    private static void stop(Broker broker) {
        if (broker.process == null || !broker.process.isAlive()) {
            return;
        }
        broker.process.destroy();
        try {
            if (!broker.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                broker.process.descendants().forEach(ProcessHandle::destroyForcibly);
                broker.process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ProcessBuilder process(List<String> command, Path output) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(dir.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    /**
     * The unpacked distribution: {@code qaqpa.artemis.home} (set by the integration profile), else
     * {@code QAQPA_ARTEMIS_HOME}, else {@code target/artemis/apache-artemis-VERSION} of the project with the
     * Artemis client's version.
     */
    static Path home() {
        String configured = System.getProperty("qaqpa.artemis.home", System.getenv("QAQPA_ARTEMIS_HOME"));
        Path home = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("qaqpa.project.dir", ".")).resolve("target/artemis/apache-artemis-"
                        + org.apache.activemq.artemis.utils.VersionLoader.getVersion().getFullVersion());
        if (!Files.isExecutable(home.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution in " + home.toAbsolutePath()
                    + ": run scripts/artemis-install (.ci/run does)");
        }
        return home;
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One broker instance: its directory, acceptor port, output file and, once started, its process. */
    private static final class Broker {
        final String name;
        final Path instance;
        final int port;
        final Path output;
        Process process;

        Broker(String name, Path instance, int port, Path output) {
            this.name = name;
            this.instance = instance;
            this.port = port;
            this.output = output;
        }
    }
}
