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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the bench measures, in its own JVM: {@code qaqpa run} as an operator starts it, or the
 * hand-rolled proxy baseline. Its own JVM so that its CPU, heap and JIT are its own and can be measured
 * apart from the load generator's. It gets the bench's classpath and a free port; its output goes to a
 * file, where the bench reads the port from.
 */
final class ChildJvm implements AutoCloseable {

    private static final Pattern GATEWAY_READY = Pattern.compile("Jetty listening on http://127\\.0\\.0\\.1:(\\d+)");
    /** The line {@code org.qaqpa.bench.reference.HandRolledProxyMain} prints once it serves. */
    private static final Pattern PROXY_READY = Pattern.compile("hand-rolled proxy listening on http://127\\.0\\.0\\.1:(\\d+)/");
    static final String PROXY_MAIN = "org.qaqpa.bench.reference.HandRolledProxyMain";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path output;
    private final int port;

    private ChildJvm(String name, Process process, Path output, int port) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the gateway on a fresh {@code dataDir} and returns once {@code /health} answers 200.
     *
     * @param mainClass   the CLI's main class, run with {@code run --config … --data … --port 0}
     * @param javaOptions JVM options of the gateway (e.g. {@code -Xmx512m}, a flight recording)
     */
    static ChildJvm startGateway(String mainClass, Path configDir, Path dataDir, List<String> javaOptions, Duration timeout)
            throws IOException, InterruptedException {
        Path output = dataDir.resolveSibling(dataDir.getFileName() + "-gateway.log");
        ChildJvm gateway = start("the gateway", javaOptions, List.of(mainClass, "run", "--config", configDir.toString(),
                "--data", dataDir.toString(), "--port", "0"), output, GATEWAY_READY, timeout);
        try {
            gateway.awaitHealthy(System.nanoTime() + timeout.toNanos());
            return gateway;
        } catch (IOException | InterruptedException | RuntimeException e) {
            gateway.process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Starts the hand-rolled CXF + WSS4J proxy with the development PKI in {@code pkiDir} (its keys and the
     * echo provider it hosts) and returns once it says it serves.
     */
    static ChildJvm startProxy(Path pkiDir, Path output, List<String> javaOptions, Duration timeout)
            throws IOException, InterruptedException {
        return start("the hand-rolled proxy", javaOptions, List.of(PROXY_MAIN, "--pki", pkiDir.toString(), "--port", "0"),
                output, PROXY_READY, timeout);
    }

    private static ChildJvm start(String name, List<String> javaOptions, List<String> mainAndArguments, Path output,
                                  Pattern ready, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return new ChildJvm(name, process, output, awaitPort(name, process, output, ready, deadline));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int awaitPort(String name, Process process, Path output, Pattern ready, long deadline)
            throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            Matcher port = ready.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before it listened; see " + output);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException(name + " did not listen in time; see " + output);
    }

    private void awaitHealthy(long deadline) throws IOException, InterruptedException {
        HttpClient http = SoapCall.httpClient();
        HttpRequest health = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " while starting; see " + output);
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
        throw new IOException(name + "'s /health did not answer 200 in time; see " + output);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** The file holding the child's stdout and stderr. */
    Path output() {
        return output;
    }

    /** Stops the child as an operator does (SIGTERM: graceful), killing it if it does not exit in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
