package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigLoader;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.QueueRedeliveryTest.Cli;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * {@code qaqpa queue} with {@code async.broker: external}: the tool reads qaqpa.yaml's {@code async.broker-url}
 * and logs in to that broker ({@link ExternalArtemis}) with the user and password of the environment
 * variables it names, as the gateway does — there is no embedded broker and no {@code DATA/broker/qaqpa.broker}.
 * 2 attempts, 200 ms apart, so a message is dead-lettered quickly.
 */
class QueueCommandExternalBrokerTest {

    private static final int ATTEMPTS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ExternalArtemis external;
    private static TestGateway gateway;
    private static Path configDir;

    @BeforeAll
    static void start() throws Exception {
        external = ExternalArtemis.start();
        GatewayConfig config = GatewayConfig.defaults().withAsync(external.external(
                new GatewayConfig.Async(ATTEMPTS, Duration.ofMillis(200), 1, Duration.ofMillis(200), 2)));
        gateway = TestGateway.start(config, dir.resolve("data"), external.environment());
        configDir = Files.createDirectories(dir.resolve("config"));
        String shipped = Files.readString(TestGateway.projectDir().resolve("config").resolve(ConfigLoader.FILE_NAME));
        Files.writeString(configDir.resolve(ConfigLoader.FILE_NAME), shipped
                .replaceFirst("(?m)^  broker: embedded .*$", "  broker: external")
                .replaceFirst("(?m)^  broker-url: .*$", "  broker-url: " + external.url()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        external.close();
    }

    @Test
    void listsTheQueuesAndRedeliversADeadLetterOfTheExternalBroker() throws Exception {
        String messageId = text(send(AsyncMessages.failingFirst(ATTEMPTS)), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(gateway.dataDir().resolve("broker")).as("no embedded broker to reach").doesNotExist();

        Cli list = queue(external.environment(), "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err()).isEmpty();
        assertThat(list.out()).contains("queue qaqpa.async.delivery  messages=0", "queue qaqpa.async.dlq  messages=1",
                "dead letters: 1", "messageId=" + messageId);

        Cli redelivered = queue(external.environment(), "redeliver", messageId);
        assertThat(redelivered.exit()).as(redelivered.err()).isZero();
        assertThat(redelivered.out()).contains("redelivered " + messageId, "to qaqpa.async.delivery");

        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));
        assertThat(external.server().locateQueue("qaqpa.async.dlq").getMessageCount()).isZero();
        assertThat(gateway.get("/sandbox/async-receiver?messageId=" + messageId).body())
                .isEqualTo("attempts=" + (ATTEMPTS + 1) + " taken=true");
    }

    @Test
    void saysInOneLineWhenTheExternalBrokerRefusesTheTool() {
        Cli list = queue(external.environmentWithPassword("not-the-password"), "list");

        assertThat(list.exit()).as("the database part is still printed").isZero();
        assertThat(list.out()).contains("dead letters:").doesNotContain("queue qaqpa.async");
        assertThat(list.err().strip()).startsWith("the Artemis broker at " + external.url() + " refused user '"
                + ExternalArtemis.USER + "' (wrong user or password").doesNotContain("\n");
    }

    private static Cli queue(Function<String, String> environment, String... args) {
        String[] full = new String[args.length + 5];
        full[0] = "queue";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = gateway.dataDir().toString();
        full[args.length + 3] = "--config";
        full[args.length + 4] = configDir.toString();
        return QueueRedeliveryTest.cli(environment, full);
    }

    private static SoapResponse send(String envelope) throws Exception {
        return gateway.postSigned("/bip-async/", envelope);
    }

    private static String state(String messageId) throws Exception {
        SoapResponse status = gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return text(status, "messageState");
    }

    private static String text(SoapResponse response, String localName) {
        var nodes = response.document().getElementsByTagName(localName);
        assertThat(nodes.getLength()).as(localName + " in " + response.body()).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }
}
