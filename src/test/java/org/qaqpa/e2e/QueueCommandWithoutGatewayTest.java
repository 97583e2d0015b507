package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.LocalBrokerAccess;
import org.qaqpa.config.GatewayConfig;

/**
 * {@code qaqpa queue} after the gateway stopped: list and show print what the database knows, and
 * redeliver says the gateway must run (it needs the broker), instead of failing obscurely.
 */
class QueueCommandWithoutGatewayTest {

    @Test
    void refusesRedeliveryWithoutARunningGateway(@TempDir Path data) throws Exception {
        String messageId;
        GatewayConfig oneAttempt = GatewayConfig.defaults()
                .withAsync(AsyncMessages.quickRetries(1, 1));
        try (TestGateway gateway = TestGateway.start(oneAttempt, data)) {
            TestGateway.SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.failingFirst(1000));
            messageId = accepted.document().getElementsByTagName("messageId").item(0).getTextContent();
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.postSigned("/bip-async/",
                    AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER)).body().contains("DELIVERY_STOPPED"));
        }
        assertThat(data.resolve("broker").resolve(LocalBrokerAccess.FILE)).as("removed at stop").doesNotExist();
        String[] where = {"--data", data.toString(), "--config", TestGateway.projectDir().resolve("config").toString()};

        QueueRedeliveryTest.Cli list = QueueRedeliveryTest.cli(concat(new String[] {"queue", "list"}, where));
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("dead letters: 1", "messageId=" + messageId).doesNotContain("queue qaqpa.");
        assertThat(list.err()).contains("no gateway is running");

        QueueRedeliveryTest.Cli shown = QueueRedeliveryTest.cli(concat(new String[] {"queue", "show", messageId}, where));
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("state=DELIVERY_STOPPED", "attempts=1", "log rows: ");

        QueueRedeliveryTest.Cli refused = QueueRedeliveryTest.cli(concat(new String[] {"queue", "redeliver", messageId}, where));
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("redeliver needs the running gateway");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
