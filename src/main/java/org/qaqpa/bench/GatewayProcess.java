package org.qaqpa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code qaqpa run} in its own JVM, as an operator starts it: the bench's classpath, a fresh data
 * directory (so a new development PKI and an empty journal), a free port. Its own JVM so that the
 * gateway's CPU, heap and JIT are its own and can be measured apart from the load generator's.
 * The output goes to a file beside the data, where the bench reads the port from.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern JETTY_PORT = Pattern.compile("Jetty listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;
    private final int port;

    private GatewayProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the gateway and returns once {@code /health} answers 200.
     *
     * @param mainClass   the CLI's main class, run with {@code run --config … --data … --port 0}
     * @param javaOptions JVM options of the gateway (e.g. {@code -Xmx512m}, a flight recording)
     */
    static GatewayProcess start(String mainClass, Path configDir, Path dataDir, List<String> javaOptions, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass,
                "run", "--config", configDir.toString(), "--data", dataDir.toString(), "--port", "0"));
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-gateway.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int port = awaitPort(process, output, deadline);
            GatewayProcess gateway = new GatewayProcess(process, output, port);
            gateway.awaitHealthy(deadline);
            return gateway;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int awaitPort(Process process, Path output, long deadline) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            Matcher port = JETTY_PORT.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("the gateway exited with " + process.exitValue() + " before it listened; see " + output);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("the gateway did not listen in time; see " + output);
    }

    private void awaitHealthy(long deadline) throws IOException, InterruptedException {
        HttpClient http = SoapCall.httpClient();
        HttpRequest health = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the gateway exited with " + process.exitValue() + " while starting; see " + output);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Jetty is listening but not serving yet
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("the gateway's /health did not answer 200 in time; see " + output);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** The file holding the gateway's stdout and stderr. */
    Path output() {
        return output;
    }

    /** Stops the gateway as an operator does (SIGTERM: graceful), killing it if it does not exit in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The exit code, once it exited. */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }
}
