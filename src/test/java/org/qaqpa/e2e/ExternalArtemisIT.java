package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.ArtemisLogsOnFailure;
import org.qaqpa.async.ArtemisServer;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.BrokerLogin;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * {@code async.broker: external} against a broker of the Artemis distribution ({@code scripts/artemis-install},
 * {@code artemis create --require-login}), run as its own process: the gateway sets up its queues there and an
 * accepted message is delivered through it; with a wrong password the gateway does not start. (ExternalBrokerTest
 * does the same against an Artemis inside the test JVM.)
 */
class ExternalArtemisIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ArtemisServer broker;

    @RegisterExtension
    static final ArtemisLogsOnFailure BROKER_LOGS = new ArtemisLogsOnFailure(() -> broker);

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ArtemisServer.standalone();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deliversThroughTheDistributionsBroker() throws Exception {
        try (TestGateway gateway = TestGateway.start(externalConfig(), dir.resolve("good"), broker.environment(System::getenv))) {
            SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            String messageId = PostgresGatewayIT.text(accepted, "messageId");

            await().atMost(PATIENCE).until(() -> PostgresGatewayIT.state(gateway, messageId).equals("DELIVERED"));
            assertThat(gateway.get("/sandbox/async-receiver?messageId=" + messageId).body()).isEqualTo("attempts=1 taken=true");
            try (BrokerAdminClient admin = BrokerAdminClient.connect(new BrokerLogin(broker.url(),
                    Optional.of(ArtemisServer.USER), Optional.of(ArtemisServer.PASSWORD)))) {
                assertThat(admin.asyncQueues()).as("the gateway's queues are on the external broker")
                        .contains("qaqpa.async.delivery", "qaqpa.async.dlq");
            }
            assertThat(gateway.dataDir().resolve("broker")).as("no embedded journal").doesNotExist();
        }
    }

    @Test
    void refusesToStartWithAWrongPassword() {
        Map<String, String> wrong = Map.of(ArtemisServer.PASSWORD_ENV, "not-the-password");
        assertThatThrownBy(() -> TestGateway.start(externalConfig(), dir.resolve("bad"),
                name -> wrong.containsKey(name) ? wrong.get(name) : broker.environment(System::getenv).apply(name)))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageStartingWith("the Artemis broker at " + broker.url() + " refused user '" + ArtemisServer.USER
                        + "' (wrong user or password");
    }

    private static GatewayConfig externalConfig() {
        return GatewayConfig.defaults().withAsync(broker.external(AsyncMessages.quickRetries(4, 2)));
    }
}
