package org.qaqpa.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.Envelopes;
import org.qaqpa.e2e.TestGateway;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * {@code qaqpa} as an operator runs it: a child JVM started from the test classpath in the project
 * directory. Checks exit codes, the one-line config errors, the start-up order, /health, restart on
 * the same data and the graceful stop on SIGTERM.
 */
class RunCommandProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** In a text line, or in a JSON line (logging.format: json), which escapes the slashes. */
    private static final Pattern JETTY_PORT = Pattern.compile("Jetty listening on http:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern STARTED = Pattern.compile("Qaqpa \\S+ started in (\\d+) ms");
    private static final List<Pattern> START_ORDER = List.of(
            Pattern.compile("Database ready"),
            Pattern.compile("Artemis started"),
            Pattern.compile("Camel started"),
            JETTY_PORT,
            STARTED);
    private static final List<String> COMPONENTS = List.of("database", "artemis", "camel", "jetty");

    @RegisterExtension
    final Children children = new Children();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(60)
    void printsHelpAndExitsZero() throws Exception {
        Child top = children.start("--help");
        assertThat(top.awaitExit()).isZero();
        assertThat(top.stdout()).contains("run");

        Child run = children.start("run", "--help");
        assertThat(run.awaitExit()).isZero();
        assertThat(run.stdout()).contains("run", "--config", "--data", "--port");
    }

    @Test
    @Timeout(60)
    void brokenConfigExitsTwoWithOneLine() throws Exception {
        Path config = configDir("server:\n  prot: 8080\n");
        Path data = tmp.resolve("data");

        Child child = children.start("run", "--config", config.toString(), "--data", data.toString());

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.stderrLines()).singleElement().satisfies(line -> assertThat(line)
                .isNotBlank()
                .startsWith(config.resolve("qaqpa.yaml") + ":2:")
                .contains("server.prot"));
        assertThat(child.stdout()).isEmpty();
        assertThat(child.allLines()).noneMatch(line -> line.contains("Database ready"));
        assertThat(data).doesNotExist();
    }

    @Test
    @Timeout(60)
    void badMembersFileExitsTwoWithItsLine() throws Exception {
        Path members = Files.writeString(tmp.resolve("members.yaml"), "members:\n  a:\n    pasword-hash: x\n");
        Path config = configDir("registry:\n  members-file: " + members + "\n  services-file: "
                + projectDir().resolve("config/services.yaml") + "\n");

        Child child = children.start("run", "--config", config.toString(), "--data", tmp.resolve("data").toString(), "--port", "0");

        // the registries are read during the start, after the development PKI exists
        assertThat(child.awaitExit(START_TIMEOUT)).isEqualTo(2);
        assertThat(child.stderrLines()).contains(members + ":3: unknown key 'members.a.pasword-hash' (known keys in"
                + " 'members.a': password-hash, certificates, iin, bin, services, rate-limit, async-url, node, disabled, tls-client-certificate, max-request-size)");
        assertThat(child.allLines()).noneMatch(line -> line.contains("Jetty listening"));
    }

    @Test
    @Timeout(60)
    void wrongTypeConfigExitsTwo() throws Exception {
        Path config = configDir("server:\n  port: abc\n");

        Child child = children.start("run", "--config", config.toString(), "--data", tmp.resolve("data").toString());

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.stderrLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(config.resolve("qaqpa.yaml") + ":2:")
                .contains("server.port", "abc"));
        assertThat(child.allLines()).noneMatch(line -> line.contains("Database ready"));
    }

    @Test
    @Timeout(60)
    void missingConfigFileExitsTwo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-config"));

        Child child = children.start("run", "--config", empty.toString(), "--data", tmp.resolve("data").toString());

        assertThat(child.awaitExit()).isEqualTo(2);
        assertThat(child.stderrLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(empty.resolve("qaqpa.yaml").toString())
                .contains("file not found"));
        assertThat(child.allLines()).noneMatch(line -> line.contains("Database ready"));
    }

    @Test
    @Timeout(60)
    void startsInOrderServesHealthAndExitsZeroOnSigterm() throws Exception {
        Child child = startGateway(tmp.resolve("data"));

        assertHealthUp(child.port());
        List<String> startLines = child.stderrLines().stream()
                .map(line -> START_ORDER.stream().filter(p -> p.matcher(line).find()).findFirst())
                .flatMap(Optional::stream)
                .map(Pattern::pattern)
                .toList();
        assertThat(startLines).containsExactlyElementsOf(START_ORDER.stream().map(Pattern::pattern).toList());

        child.sigterm();
        assertThat(child.awaitExit()).isZero();
        assertThat(child.stderrLines()).anyMatch(line -> line.contains("Qaqpa stopped"));
    }

    @Test
    @Timeout(60)
    void restartsOnSameDataDirectory() throws Exception {
        Path data = tmp.resolve("data");
        Child first = startGateway(data);
        assertThat(first.line("Database ready")).doesNotContain("(0 migrations applied)");
        assertHealthUp(first.port());
        first.sigterm();
        assertThat(first.awaitExit()).isZero();

        Child second = startGateway(data);
        assertThat(second.line("Database ready")).contains("(0 migrations applied)");
        assertHealthUp(second.port());
        second.sigterm();
        assertThat(second.awaitExit()).isZero();
    }

    @Test
    @Timeout(60)
    void finishesInFlightRequestOnSigterm() throws Exception {
        Child child = startGateway(tmp.resolve("data"));
        // Signed with a member key of the development PKI the gateway created in its data directory on start.
        byte[] body = signedWithDevelopmentPki(tmp.resolve("data"), sendMessage("NO_SUCH_SERVICE"))
                .getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;

        try (Socket socket = new Socket("127.0.0.1", child.port())) {
            socket.setSoTimeout((int) STOP_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /bip-sync/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + child.port() + "\r\n"
                    + "Content-Type: text/xml; charset=utf-8\r\n"
                    + "SOAPAction: \"\"\r\n"
                    + "Content-Length: " + body.length + "\r\n"
                    + "Connection: close\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            // Deliberate pauses: let Jetty dispatch the request before the stop begins, then keep it
            // in flight while the stop is under way. Nothing observable from outside marks either moment.
            pause(Duration.ofMillis(1500)); // beyond Jetty's 1 s shutdown idle timeout, which the gateway raises
            child.sigterm();
            pause(Duration.ofMillis(500));
            assertThat(child.stderrLines()).anyMatch(line -> line.contains("SIGTERM received"))
                    .noneMatch(line -> line.contains("Qaqpa stopped"));
            assertThat(child.process.isAlive()).as("gateway still stopping").isTrue();
            out.write(body, half, body.length - half);
            out.flush();

            String response = readToEnd(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 500");
            assertThat(response).contains("<errorCode>SERVICE_NOT_FOUND</errorCode>");
        }
        assertThat(child.awaitExit()).isZero();
        assertThat(child.stderrLines()).anyMatch(line -> line.contains("Qaqpa stopped"));
    }

    @Test
    @Timeout(60)
    void withoutSignaturesAndWithoutADevelopmentPkiStartsWithoutTheSandbox() throws Exception {
        Child child = startWithShippedRegistries("""
                security:
                  require-signature: false
                """);

        assertHealthUp(child.port());
        assertThat(child.stderrLines()).anyMatch(line -> line.contains("the sandbox systems are not started")
                && line.contains("qaqpa pki init --dir"));
        child.sigterm();
        assertThat(child.awaitExit()).isZero();
    }

    @Test
    @Timeout(90)
    void writesJsonLinesWithLoggingFormatJson() throws Exception {
        Child child = startWithShippedRegistries("""
                logging:
                  format: json
                """);
        assertHealthUp(child.port());
        child.sigterm();
        assertThat(child.awaitExit()).isZero();

        // after qaqpa.yaml is read, every line of the gateway is one JSON object
        List<String> lines = child.stderrLines();
        assertThat(lines).anyMatch(line -> line.startsWith("{") && line.contains("\"loggerName\":\"org.qaqpa.server.Gateway\"")
                && line.contains("Database ready"));
        assertThat(lines.subList(lines.indexOf(lines.stream().filter(line -> line.contains("Database ready")).findFirst()
                .orElseThrow()), lines.size())).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    /** A gateway whose qaqpa.yaml is {@code yaml} plus the shipped registry files, data in {@code tmp/data}. */
    private Child startWithShippedRegistries(String yaml) throws IOException {
        Path config = projectDir().resolve("config");
        Path dir = configDir(yaml + """
                registry:
                  members-file: "%s"
                  services-file: "%s"
                """.formatted(config.resolve("members.yaml"), config.resolve("services.yaml")));
        return children.start("run", "--config", dir.toString(), "--data", tmp.resolve("data").toString(),
                "--port", "0").awaitStarted(START_TIMEOUT);
    }

    private Child startGateway(Path data) throws IOException {
        return children.start("run", "--config", projectDir().resolve("config").toString(),
                "--data", data.toString(), "--port", "0").awaitStarted(START_TIMEOUT);
    }

    private void assertHealthUp(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"status\":\"UP\"");
            for (String component : COMPONENTS) {
                assertThat(response.body()).contains("\"" + component + "\":{\"status\":\"UP\"}");
            }
        });
    }

    private Path configDir(String yaml) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("qaqpa.yaml"), yaml);
        return dir;
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("qaqpa.project.dir", ".")).toAbsolutePath();
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String signedWithDevelopmentPki(Path data, String envelope) {
        IssuedCertificate member = IssuedCertificate.readPkcs12(data.resolve("pki/legal.p12"),
                DevPki.DEVELOPMENT_PASSWORD.toCharArray());
        return TestGateway.sign(envelope, member);
    }

    /** A SendMessage of the SHEP sync contract, valid against the schema. */
    private static String sendMessage(String serviceId) {
        return Envelopes.sendMessage(serviceId, "hello");
    }

    /** Starts {@code qaqpa} child JVMs; stops what is still running after each test, dumps their output on failure. */
    static final class Children implements AfterEachCallback, TestWatcher {

        private final List<Child> started = new ArrayList<>();

        Child start(String... args) throws IOException {
            return start(List.of("-Xmx512m"), args);
        }

        /** As {@link #start(String...)}, with these JVM options (heap size, GC log) instead of {@code -Xmx512m}. */
        Child start(List<String> javaOptions, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), QaqpaCommand.class.getName()));
            command.addAll(Arrays.asList(args));
            Process process = new ProcessBuilder(command).directory(projectDir().toFile()).start();
            Child child = new Child(process);
            started.add(child);
            return child;
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            for (Child child : started) {
                child.stop();
            }
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (Child child : started) {
                System.err.println("---- output of child " + child.process.pid() + " ----");
                child.allLines().forEach(System.err::println);
            }
        }
    }

    /** One child JVM; reader threads drain stdout and stderr so its pipes never fill. */
    static final class Child {

        final Process process;
        private final List<String> stdout = new CopyOnWriteArrayList<>();
        private final List<String> stderr = new CopyOnWriteArrayList<>();
        private final List<String> all = new CopyOnWriteArrayList<>();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        Child(Process process) {
            this.process = process;
            this.stdoutReader = drain(process.getInputStream(), stdout, "stdout");
            this.stderrReader = drain(process.getErrorStream(), stderr, "stderr");
        }

        private Thread drain(InputStream stream, List<String> lines, String name) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        all.add(line);
                    }
                } catch (IOException e) {
                    // the pipe closed under us (process killed): the output ends here
                }
            }, "child-" + process.pid() + "-" + name);
            reader.setDaemon(true);
            reader.start();
            return reader;
        }

        /** Waits for the process to exit and its output to be read; returns the exit code. */
        int awaitExit() throws InterruptedException {
            return awaitExit(STOP_TIMEOUT);
        }

        /** As {@link #awaitExit()}, for a child that must first get through part of the start. */
        int awaitExit(Duration timeout) throws InterruptedException {
            assertThat(process.waitFor(timeout.toSeconds(), SECONDS))
                    .as("child exited within %s", timeout).isTrue();
            stdoutReader.join(STOP_TIMEOUT.toMillis());
            stderrReader.join(STOP_TIMEOUT.toMillis());
            return process.exitValue();
        }

        /**
         * Sends SIGTERM. Not {@code process.destroy()}: on Linux that also closes our ends of the child's
         * pipes, so everything the child logs while stopping would be lost.
         */
        void sigterm() {
            assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.toHandle().destroy();
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), SECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), SECONDS);
                }
            }
        }

        /**
         * Waits until {@code qaqpa run} says it started (or exits, which fails the test); returns this child.
         * A start takes 5-15 s; 54 s was seen on the shared 2-core machine at a load average of 37.
         */
        Child awaitStarted(Duration timeout) {
            await().atMost(timeout).until(() -> !process.isAlive() || matching(STARTED).isPresent());
            assertThat(process.isAlive()).as("gateway still running after start").isTrue();
            return this;
        }

        String stdout() {
            return String.join("\n", stdout);
        }

        List<String> stderrLines() {
            return List.copyOf(stderr);
        }

        List<String> allLines() {
            return List.copyOf(all);
        }

        Optional<Matcher> matching(Pattern pattern) {
            return all.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
        }

        String line(String containing) {
            return all.stream().filter(l -> l.contains(containing)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log line containing '" + containing + "'"));
        }

        int port() {
            return Integer.parseInt(matching(JETTY_PORT)
                    .orElseThrow(() -> new AssertionError("no 'Jetty listening on' line")).group(1));
        }
    }
}
