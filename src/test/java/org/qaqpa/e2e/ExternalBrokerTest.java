package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * {@code async.broker: external}: a second Artemis, started here with a TCP acceptor on 127.0.0.1 and
 * security on (one user, allowed everything), plays the operator's broker. The gateway sets up its queues
 * there and delivers through it; with a wrong password it does not start, and says why in one line.
 */
class ExternalBrokerTest {

    private static final String USER = "qaqpa-gateway";
    private static final String PASSWORD = "broker-secret";

    @TempDir
    static Path dir;
    private static EmbeddedActiveMQ external;
    private static String url;

    @BeforeAll
    static void startExternalBroker() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        url = "tcp://127.0.0.1:" + port;
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(USER, PASSWORD);
        users.addRole(USER, "gateway");
        var config = new ConfigurationImpl()
                .setName("external-" + port)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url);
        config.putSecurityRoles("#", Set.of(new Role("gateway", true, true, true, true, true, true, true, true, true, true,
                true, true)));
        external = new EmbeddedActiveMQ()
                .setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        external.start();
    }

    @AfterAll
    static void stopExternalBroker() throws Exception {
        external.stop();
    }

    @Test
    void deliversThroughTheExternalBroker() throws Exception {
        try (TestGateway gateway = TestGateway.start(externalConfig(), dir.resolve("good"),
                Map.of("QAQPA_BROKER_USER", USER, "QAQPA_BROKER_PASSWORD", PASSWORD)::get)) {
            SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            String messageId = accepted.document().getElementsByTagName("messageId").item(0).getTextContent();
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.postSigned("/bip-async/",
                    AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER)).body().contains(">DELIVERED<"));
            assertThat(external.getActiveMQServer().locateQueue("qaqpa.async.delivery")).as("the queue is on the external broker")
                    .isNotNull();
            assertThat(external.getActiveMQServer().getAddressSettingsRepository().getMatch("qaqpa.async.delivery")
                    .getMaxDeliveryAttempts()).as("its retries set by the gateway").isEqualTo(4);
            assertThat(gateway.dataDir().resolve("broker")).as("no embedded journal").doesNotExist();
        }
    }

    @Test
    void refusesToStartWithAWrongPassword() {
        assertThatThrownBy(() -> TestGateway.start(externalConfig(), dir.resolve("bad"),
                Map.of("QAQPA_BROKER_USER", USER, "QAQPA_BROKER_PASSWORD", "not-the-password")::get))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasMessageStartingWith("the Artemis broker at " + url + " refused user '" + USER + "' (wrong user or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static GatewayConfig externalConfig() {
        return GatewayConfig.defaults().withAsync(new GatewayConfig.Async(4, Duration.ofMillis(200), 2, Duration.ofSeconds(1), 2)
                .withExternalBroker(url, "QAQPA_BROKER_USER", "QAQPA_BROKER_PASSWORD"));
    }
}
