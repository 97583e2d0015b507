package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.LocalBrokerAccess;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.AsyncMessages;
import org.qaqpa.e2e.TestGateway;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.ChainVerifier;
import org.qaqpa.sandbox.SandboxProviders;
import org.qaqpa.sandbox.SandboxServer;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.storage.Database;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * Zero loss and no double effect across a crash, at scale: {@code qaqpa run} as a child JVM accepts
 * 1,000 async messages while its delivery queue is paused (so all of them wait in the journal), delivers
 * them, and is killed with SIGKILL in the middle of it; restarted on the same data directory it delivers
 * the rest. The recipient is the sandbox receiver running in this JVM, so it outlives the gateway: it
 * takes each messageId once and counts the copies it dropped (the crash window of docs/async.md: at most
 * one in-flight message per delivery consumer). Afterwards every message is {@code DELIVERED}, has its
 * {@code DELIVERED} row in the message log, and the log's chain verifies.
 */
class AsyncCrashRecoveryProcessTest {

    private static final int MESSAGES = 1000;
    private static final int SENDERS = 4;
    private static final int DELIVERY_CONSUMERS = GatewayConfig.defaults().async().deliveryConsumers();
    /** A start takes 5-15 s; 54 s was seen on the shared 2-core machine at a load average of 37. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern RECEIVED = Pattern.compile("taken=(\\d+) duplicates=(\\d+)");

    @RegisterExtension
    final RunCommandProcessTest.Children children = new RunCommandProcessTest.Children();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(480)
    void deliversEveryAcceptedMessageOnceAfterKillAndRestart() throws Exception {
        Path data = tmp.resolve("data");
        try (SandboxServer recipient = SandboxServer.start(0, data.resolve("pki"), Clock.systemUTC())) {
            URI received = URI.create(recipient.baseUrl() + SandboxProviders.ASYNC_RECEIVER_PATH);
            Path config = configDir(received);
            long t0 = System.nanoTime();
            RunCommandProcessTest.Child first = startGateway(config, data);
            IssuedCertificate member = IssuedCertificate.readPkcs12(data.resolve("pki/legal.p12"),
                    DevPki.DEVELOPMENT_PASSWORD.toCharArray());

            List<String> accepted;
            try (BrokerAdminClient broker = BrokerAdminClient.connect(
                    LocalBrokerAccess.read(data.resolve("broker")).orElseThrow())) {
                broker.pause(DeliveryQueue.DELIVERY);
                long t1 = System.nanoTime();
                accepted = sendAll(first.port(), member);
                log("accepted %d messages in %d ms", MESSAGES, millisSince(t1));
                assertThat(broker.messageCount(DeliveryQueue.DELIVERY)).isEqualTo(MESSAGES);
                broker.resume(DeliveryQueue.DELIVERY);
            }
            long t2 = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> received(received)[0] >= MESSAGES / 3);
            first.process.destroyForcibly();
            first.awaitExit();
            long takenAtKill = received(received)[0];
            log("killed after %d ms of delivery, %d of %d taken", millisSince(t2), takenAtKill, MESSAGES);
            assertThat(takenAtKill).as("killed while delivering").isLessThan(MESSAGES);

            long t3 = System.nanoTime();
            RunCommandProcessTest.Child second = startGateway(config, data);
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                    .until(() -> received(received)[0] == MESSAGES && delivered(data) == MESSAGES);
            long[] counts = received(received);
            log("restarted and delivered the rest in %d ms; total %d ms; the receiver dropped %d duplicate(s)",
                    millisSince(t3), millisSince(t0), counts[1]);
            assertThat(counts[1]).as("duplicates (crash window: in-flight deliveries)").isLessThanOrEqualTo(DELIVERY_CONSUMERS);
            for (String messageId : List.of(accepted.get(0), accepted.get(MESSAGES / 2), accepted.get(MESSAGES - 1))) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(received + "?messageId=" + messageId)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).endsWith("taken=true");
            }
            assertLogAgrees(data, accepted);
            second.process.destroy();
            second.awaitExit();
        }
    }

    /** Sends {@link #MESSAGES} from {@link #SENDERS} threads; returns their messageIds, all distinct. */
    private List<String> sendAll(int port, IssuedCertificate member) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                answers.add(senders.submit(() -> text(post(port,
                        TestGateway.sign(AsyncMessages.sendMessage("REQUEST", null, ""), member)), "messageId")));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<String> answer : answers) {
                accepted.add(answer.get());
            }
            assertThat(new HashSet<>(accepted)).hasSize(MESSAGES);
            return accepted;
        } finally {
            senders.shutdownNow();
        }
    }

    /** Every accepted message is DELIVERED in the state table and has a DELIVERED row in the log; the chain verifies. */
    private static void assertLogAgrees(Path data, List<String> accepted) throws Exception {
        try (Database db = Database.openExisting(GatewayConfig.defaults().database(), data);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Set<String> loggedDelivered = new HashSet<>();
            try (ResultSet rows = s.executeQuery("SELECT message_id FROM message_log WHERE kind = 'RESPONSE'"
                    + " AND status = 'DELIVERED'")) {
                while (rows.next()) {
                    loggedDelivered.add(rows.getString(1));
                }
            }
            assertThat(loggedDelivered).containsAll(accepted);
            ChainReport report = new ChainVerifier(db.dataSource()).verify();
            assertThat(report.broken()).isEmpty();
        }
    }

    private static long delivered(Path data) throws Exception {
        try (Database db = Database.openExisting(GatewayConfig.defaults().database(), data);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet count = s.executeQuery("SELECT COUNT(*) FROM async_message WHERE state = 'DELIVERED'")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** What the recipient reports: {taken, duplicates}. */
    private long[] received(URI receiver) throws Exception {
        String report = http.send(HttpRequest.newBuilder(receiver).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = RECEIVED.matcher(report);
        assertThat(m.matches()).as(report).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    private RunCommandProcessTest.Child startGateway(Path config, Path data) throws Exception {
        return children.start("run", "--config", config.toString(), "--data", data.toString(), "--port", "0")
                .awaitStarted(START_TIMEOUT);
    }

    /**
     * The project's members; TEST_ASYNC_SERVICE_ID PUSHed to the receiver in this JVM (signed with the
     * echo key of the data directory's development PKI, as the sandbox's own is).
     */
    private Path configDir(URI receiver) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Path project = TestGateway.projectDir().resolve("config");
        Files.writeString(dir.resolve("services.yaml"), "services:\n"
                + "  TEST_ASYNC_SERVICE_ID:\n"
                + "    url: " + receiver + "\n"
                + "    bin: \"990340000025\"\n"
                + "    mode: async\n");
        Files.writeString(dir.resolve("qaqpa.yaml"), "registry:\n"
                + "  members-file: " + project.resolve("members.yaml") + "\n"
                + "  services-file: " + dir.resolve("services.yaml") + "\n"
                + "async:\n  redelivery-delay: 1s\n");
        return dir;
    }

    private Document post(int port, String envelope) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bip-async/"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(response.body()));
    }

    private static String text(Document answer, String localName) {
        var found = answer.getElementsByTagName(localName);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Timings and the duplicate count go to the test output, for the lead and for docs/async.md. */
    private static void log(String format, Object... args) {
        System.out.println("AsyncCrashRecoveryProcessTest: " + String.format(format, args));
    }
}
