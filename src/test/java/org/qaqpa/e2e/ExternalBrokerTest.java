package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * {@code async.broker: external}: a second Artemis ({@link ExternalArtemis}: a TCP acceptor on 127.0.0.1,
 * security on, one user allowed everything) plays the operator's broker. The gateway sets up its queues
 * there and delivers through it; with a wrong password it does not start, and says why in one line.
 */
class ExternalBrokerTest {

    @TempDir
    static Path dir;
    private static ExternalArtemis external;

    @BeforeAll
    static void startExternalBroker() throws Exception {
        external = ExternalArtemis.start();
    }

    @AfterAll
    static void stopExternalBroker() throws Exception {
        external.close();
    }

    @Test
    void deliversThroughTheExternalBroker() throws Exception {
        try (TestGateway gateway = TestGateway.start(externalConfig(), dir.resolve("good"), external.environment())) {
            SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            String messageId = accepted.document().getElementsByTagName("messageId").item(0).getTextContent();
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.postSigned("/bip-async/",
                    AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER)).body().contains(">DELIVERED<"));
            assertThat(external.server().locateQueue("qaqpa.async.delivery")).as("the queue is on the external broker")
                    .isNotNull();
            assertThat(external.server().getAddressSettingsRepository().getMatch("qaqpa.async.delivery")
                    .getMaxDeliveryAttempts()).as("its retries set by the gateway").isEqualTo(4);
            assertThat(gateway.dataDir().resolve("broker")).as("no embedded journal").doesNotExist();
        }
    }

    @Test
    void refusesToStartWithAWrongPassword() {
        assertThatThrownBy(() -> TestGateway.start(externalConfig(), dir.resolve("bad"),
                external.environmentWithPassword("not-the-password")))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageStartingWith("the Artemis broker at " + external.url() + " refused user '" + ExternalArtemis.USER
                        + "' (wrong user or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static GatewayConfig externalConfig() {
        return GatewayConfig.defaults().withAsync(external.external(
                AsyncMessages.quickRetries(4, 2)));
    }
}
