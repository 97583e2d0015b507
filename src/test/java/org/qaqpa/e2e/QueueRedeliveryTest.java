package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.LocalBrokerAccess;
import org.qaqpa.cli.QaqpaCommand;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import picocli.CommandLine;

/**
 * {@code qaqpa queue} against a running gateway (real broker, real HTTP, the sandbox recipient): a
 * recipient down for every attempt stops the delivery, the message waits in qaqpa.async.dlq, and once the
 * recipient is back {@code qaqpa queue redeliver} (run in-process through picocli) gets it delivered.
 * 3 attempts, 200 ms doubling to 1 s, as in {@link AsyncPushDeliveryTest}.
 */
class QueueRedeliveryTest {

    private static final int ATTEMPTS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig config = GatewayConfig.defaults()
                .withAsync(AsyncMessages.quickRetries(ATTEMPTS, 2));
        gateway = TestGateway.start(config, data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void redeliversAStoppedMessageOnceTheRecipientIsBack() throws Exception {
        // The sandbox recipient refuses exactly the first ATTEMPTS deliveries: down for every attempt, then back.
        String messageId = text(send(AsyncMessages.failingFirst(ATTEMPTS)), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=" + ATTEMPTS + " taken=false");

        Cli list = queue("list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("queue qaqpa\\.async\\.dlq  messages=[1-9]")
                .containsPattern("messageId=" + messageId + "  sender=" + Envelopes.SENDER
                        + "  service=TEST_ASYNC_SERVICE_ID  attempts=" + ATTEMPTS + "  since=\\S+  lastError=\\S+");
        Cli shown = queue("show", messageId);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("state=DELIVERY_STOPPED", "broker: queue=qaqpa.async.dlq  deliveryCount=0"
                + "  from=qaqpa.async.delivery", "REQUEST  ASYNC", "DELIVERY_STOPPED");

        Cli redelivered = queue("redeliver", messageId);
        assertThat(redelivered.exit()).as(redelivered.err()).isZero();
        assertThat(redelivered.out()).contains("redelivered " + messageId, "to qaqpa.async.delivery");

        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=" + (ATTEMPTS + 1) + " taken=true");
        assertThat(statusResponse(messageId).body()).as("a fresh attempt count").contains("after 1 attempt(s)");
        Cli after = queue("show", messageId);
        assertThat(after.out()).contains("state=DELIVERED", "broker: in no queue")
                .containsPattern("REQUEST  ASYNC  sender=\\S+  service=TEST_ASYNC_SERVICE_ID  messageId=" + messageId
                        + "  status=REDELIVERED");
        Cli verified = cli("log", "verify", "--data", data.toString(), "--config", configDir());
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).contains("operator=");
    }

    @Test
    void refusesRedeliveryOfUnknownMessage() {
        Cli refused = queue("redeliver", "never-sent");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("no accepted async message has messageId never-sent");
    }

    @Test
    void refusesRedeliveryOfADeliveredMessage() throws Exception {
        String messageId = text(send(AsyncMessages.sendMessage("REQUEST", null, "")), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));

        Cli refused = queue("redeliver", messageId);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("is DELIVERED, not dead-lettered");
        assertThat(state(messageId)).isEqualTo("DELIVERED");
    }

    @Test
    void refusesShowOfUnknownMessage() {
        Cli refused = queue("show", "never-sent");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("no accepted async message has messageId never-sent");
    }

    @Test
    void publishesTheBrokerAccessToItsOwnerOnly() throws Exception {
        Path file = data.resolve("broker").resolve(LocalBrokerAccess.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        LocalBrokerAccess.Credentials access = LocalBrokerAccess.read(data.resolve("broker")).orElseThrow();
        assertThat(access.url()).startsWith("tcp://127.0.0.1:");
        assertThat(access.toString()).doesNotContain(access.password());
    }

    @Test
    void refusesBrokerLoginWithAWrongPassword() throws Exception {
        LocalBrokerAccess.Credentials access = LocalBrokerAccess.read(data.resolve("broker")).orElseThrow();
        assertThatThrownBy(() -> BrokerAdminClient.connect(
                new LocalBrokerAccess.Credentials(access.url(), access.user(), access.password() + "x")).close())
                .hasMessageContaining("AMQ229031"); // Unable to validate user
    }

    record Cli(int exit, String out, String err) {
    }

    static Cli cli(String... args) {
        return cli(System::getenv, args);
    }

    /** {@code qaqpa args}, in-process, reading the environment variables qaqpa.yaml names from {@code environment}. */
    static Cli cli(Function<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new QaqpaCommand(environment)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    private static Cli queue(String... args) {
        String[] full = new String[args.length + 5];
        full[0] = "queue";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = data.toString();
        full[args.length + 3] = "--config";
        full[args.length + 4] = configDir();
        return cli(full);
    }

    private static String configDir() {
        return TestGateway.projectDir().resolve("config").toString();
    }

    private static SoapResponse send(String envelope) throws Exception {
        return gateway.postSigned("/bip-async/", envelope);
    }

    private static SoapResponse statusResponse(String messageId) throws Exception {
        return gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
    }

    private static String state(String messageId) throws Exception {
        SoapResponse status = statusResponse(messageId);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return text(status, "messageState");
    }

    private static String recipient(String messageId) throws Exception {
        return gateway.get("/sandbox/async-receiver?messageId=" + messageId).body();
    }

    private static String text(SoapResponse response, String localName) {
        var nodes = response.document().getElementsByTagName(localName);
        assertThat(nodes.getLength()).as(localName + " in " + response.body()).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }
}
