package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.registry.NodeAddresses;
import picocli.CommandLine;

/**
 * The development federation as an operator starts it (docs/regional.md): {@code qaqpa run} (the national node)
 * and {@code qaqpa run --profile regional --upstream URL --pki NATIONAL_DATA/pki} as two JVMs on their own ports
 * and data directories, the regional one with nothing but the shipped config/. A local system of the region
 * reaches the national registry's service through the regional node, a national-side system reaches the
 * region's service through the national node ({@code qaqpa send}, answers verified), both logs show each
 * exchange under one sessionId ({@code log show}, {@code log trace}); with the national node stopped the regional
 * node answers {@code PROVIDER_UNAVAILABLE}. Two processes for all the methods, in this order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionalFederationProcessTest {

    /** A start takes 5-15 s; 54 s was seen on the shared 2-core machine at a load average of 37. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern SESSION_ID = Pattern.compile("sessionId: (\\{[0-9a-f-]{36}\\})");
    private static final Pattern MESSAGE_ID = Pattern.compile("messageId: (\\S+)");
    private static final Pattern SANDBOX = Pattern.compile("sandbox systems at (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    static Path tmp;

    private static final RunCommandProcessTest.Children CHILDREN = new RunCommandProcessTest.Children();
    private static RunCommandProcessTest.Child national;
    private static RunCommandProcessTest.Child regional;
    private static Path nationalConfig;
    private static Path nationalData;
    private static Path regionalData;

    /** The children's output goes to the test output when a method fails. */
    @RegisterExtension
    static final TestWatcher PRINT_CHILDREN_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            CHILDREN.testFailed(context, cause);
        }
    };

    @BeforeAll
    static void startBothNodes() throws Exception {
        Path project = TestGateway.projectDir().resolve("config");
        nationalConfig = Files.createDirectories(tmp.resolve("national-config"));
        nationalData = tmp.resolve("national-data");
        regionalData = tmp.resolve("regional-data");
        // the shipped registries, as copies, to point the region's services and async-url at its actual port
        Files.copy(project.resolve("services.yaml"), nationalConfig.resolve("services.yaml"));
        Files.copy(project.resolve("members.yaml"), nationalConfig.resolve("members.yaml"));
        Files.writeString(nationalConfig.resolve("qaqpa.yaml"), "registry:\n"
                + "  members-file: " + nationalConfig.resolve("members.yaml") + "\n"
                + "  services-file: " + nationalConfig.resolve("services.yaml") + "\n"
                + "  reload-interval: 1s\n");
        national = start("run", "--config", nationalConfig.toString(), "--data", nationalData.toString(), "--port", "0");
        String upstream = "http://127.0.0.1:" + national.port() + "/bip-sync/";
        // the zero-config regional node: the working directory is the project, so --config is its config/
        regional = start("run", "--profile", "regional", "--upstream", upstream, "--pki", nationalData.resolve("pki").toString(),
                "--port", "0", "--data", regionalData.toString());

        for (String file : List.of("services.yaml", "members.yaml")) {
            assertThat(Files.readString(project.resolve(file))).contains(NodeAddresses.REGIONAL + "bip-");
            NodeAddresses.copy(project.resolve(file), nationalConfig.resolve(file), NodeAddresses.REGIONAL,
                    java.net.URI.create("http://127.0.0.1:" + regional.port()));
            await().atMost(Duration.ofSeconds(60)).until(() -> national.allLines().stream()
                    .anyMatch(line -> line.contains(file + ": changed, ")));
        }
    }

    @AfterAll
    static void stopBothNodes() throws InterruptedException {
        for (RunCommandProcessTest.Child child : new RunCommandProcessTest.Child[] {regional, national}) {
            if (child != null) {
                child.stop();
            }
        }
    }

    private static RunCommandProcessTest.Child start(String... args) throws Exception {
        RunCommandProcessTest.Child child = CHILDREN.start(args);
        await().atMost(START_TIMEOUT).until(() -> !child.process.isAlive()
                || child.allLines().stream().anyMatch(line -> line.matches(".*Qaqpa \\S+ started in .*")));
        assertThat(child.process.isAlive()).as("gateway still running after start: " + child.allLines()).isTrue();
        return child;
    }

    @Test
    @Order(1)
    void aLocalSystemGetsTheNationalServiceThroughTheRegionalNodeAndBothLogsShowIt() {
        Result sent = run("send", "--service", "TEST_SERVICE_ID", "--endpoint", regionalEndpoint(),
                "--data", nationalData.toString());

        assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
        assertThat(sent.out()).contains("signed by: CN=QAQPA REGIONAL GATEWAY", "status: Success", "<echo>hello</echo>");
        String sessionId = sessionId(sent);

        Result atRegion = run("log", "show", "--session", sessionId, "--profile", "regional", "--data", regionalData.toString(),
                "--config", TestGateway.projectDir().resolve("config").toString());
        Result atNational = run("log", "show", "--session", sessionId, "--data", nationalData.toString(),
                "--config", nationalConfig.toString());
        assertThat(atRegion.exit()).as(atRegion.err()).isZero();
        assertThat(atRegion.out().lines()).hasSize(2).allMatch(line -> line.contains("sender=dev-client  service=TEST_SERVICE_ID"));
        assertThat(atNational.exit()).as(atNational.err()).isZero();
        assertThat(atNational.out().lines()).hasSize(2)
                .allMatch(line -> line.contains("sender=dev-region  originalSender=dev-client  service=TEST_SERVICE_ID"));

        Result trace = run("log", "trace", sessionId, "--data", regionalData.toString(), "--data", nationalData.toString());
        assertThat(trace.exit()).as(trace.err()).isZero();
        List<String> timeline = trace.out().lines().toList();
        assertThat(timeline).hasSize(4);
        assertThat(timeline.get(0)).startsWith(regionalData.toString()).contains("  REQUEST  ", "status=ACCEPTED");
        assertThat(timeline.get(1)).startsWith(nationalData.toString()).contains("  REQUEST  ", "originalSender=dev-client");
        assertThat(timeline.get(2)).startsWith(nationalData.toString()).contains("  RESPONSE  ", "status=ANSWERED");
        assertThat(timeline.get(3)).startsWith(regionalData.toString()).contains("  RESPONSE  ", "status=ANSWERED");
    }

    @Test
    @Order(2)
    void aNationalSideSystemGetsTheRegionalServiceThroughTheNationalNode() {
        Result sent = run("send", "--service", "TEST_REGIONAL_SERVICE_ID", "--endpoint",
                "http://127.0.0.1:" + national.port() + "/bip-sync/", "--data", nationalData.toString());

        assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
        assertThat(sent.out()).contains("signed by: CN=QAQPA GATEWAY", "status: Success");
        Result atRegion = run("log", "show", "--session", sessionId(sent), "--profile", "regional",
                "--data", regionalData.toString(), "--config", TestGateway.projectDir().resolve("config").toString());
        assertThat(atRegion.exit()).as(atRegion.err()).isZero();
        assertThat(atRegion.out().lines()).hasSize(2)
                .allMatch(line -> line.contains("sender=qaqpa-national  originalSender=dev-client  service=TEST_REGIONAL_SERVICE_ID"));
    }

    @Test
    @Order(3)
    void answersProviderUnavailableWhenTheNationalNodeIsDown() throws Exception {
        national.stop();

        Result sent = run("send", "--service", "TEST_SERVICE_ID", "--endpoint", regionalEndpoint(),
                "--data", nationalData.toString());

        assertThat(sent.exit()).as(sent.out() + sent.err()).isEqualTo(1);
        assertThat(sent.out()).contains("signed by: CN=QAQPA REGIONAL GATEWAY", ErrorCode.PROVIDER_UNAVAILABLE + ": ");
    }

    /**
     * Async across the hop with the national node down for 30 s: the regional node accepts what its systems send,
     * holds it in its broker while the upstream refuses connections, and passes it on once the national node is
     * back on the same port and data; each message is then taken once by the national recipient and its state,
     * notified back by the national node, is {@code DELIVERED} at the regional node.
     */
    @Test
    @Order(4)
    void holdsAsyncMessagesWhileTheNationalNodeIsDownAndDeliversThemOnceWhenItReturns() throws Exception {
        int nationalPort = national.port();
        List<String> messageIds = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Result sent = run("send", "--async", "--service", "TEST_ASYNC_SERVICE_ID", "--endpoint", regionalAsyncEndpoint(),
                    "--data", nationalData.toString());
            assertThat(sent.exit()).as(sent.out() + sent.err()).isZero();
            Matcher id = MESSAGE_ID.matcher(sent.out());
            assertThat(id.find()).as(sent.out()).isTrue();
            messageIds.add(id.group(1));
        }
        for (String messageId : messageIds) {
            assertThat(status(messageId).out()).contains("ON_DELIVERY");
        }

        Thread.sleep(Duration.ofSeconds(30).toMillis());
        national = start("run", "--config", nationalConfig.toString(), "--data", nationalData.toString(),
                "--port", String.valueOf(nationalPort));

        for (String messageId : messageIds) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> status(messageId).out(), out -> out.contains("DELIVERED") && !out.contains("NOT_DELIVERED"));
        }
        String receiver = national.matching(SANDBOX).orElseThrow().group(1) + "/sandbox/async-receiver?messageId=";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String messageId : messageIds) {
            String taken = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(receiver + messageId)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(taken).as("taken once at the national recipient").isEqualTo("attempts=1 taken=true");
        }
    }

    private static Result status(String messageId) {
        return run("status", messageId, "--endpoint", regionalAsyncEndpoint(), "--data", nationalData.toString());
    }

    private static String regionalAsyncEndpoint() {
        return "http://127.0.0.1:" + regional.port() + "/bip-async/";
    }

    private static String regionalEndpoint() {
        return "http://127.0.0.1:" + regional.port() + "/bip-sync/";
    }

    private static String sessionId(Result sent) {
        Matcher m = SESSION_ID.matcher(sent.out());
        assertThat(m.find()).as(sent.out()).isTrue();
        return m.group(1);
    }

    private record Result(int exit, String out, String err) {
    }

    /** A {@code qaqpa} command in this JVM, its standard output and error captured. */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try (PrintStream captureOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream captureErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(captureOut);
            System.setErr(captureErr);
            CommandLine cli = new CommandLine(new QaqpaCommand());
            cli.setOut(new PrintWriter(captureOut, true));
            cli.setErr(new PrintWriter(captureErr, true));
            int exit = cli.execute(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
