package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.ArtemisLogsOnFailure;
import org.qaqpa.async.ArtemisServer;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.storage.PostgresServer;

/**
 * Scale-out with async: two gateway nodes sharing one PostgreSQL database and one external broker of the Artemis
 * distribution, as behind a load balancer. Both consume the same delivery queue; the message states and the
 * replay cache are the shared tables, so a message accepted at node A is delivered (by whichever node takes it),
 * its state can be asked at node B, and its messageId sent again to node B is a duplicate.
 */
class TwoNodesExternalBrokerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ArtemisServer broker;
    private static TestGateway nodeA;
    private static TestGateway nodeB;

    @RegisterExtension
    static final ArtemisLogsOnFailure BROKER_LOGS = new ArtemisLogsOnFailure(() -> broker);

    @BeforeAll
    static void start() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        broker = ArtemisServer.standalone();
        GatewayConfig shared = GatewayConfig.defaults().withDatabase(postgres.database("two_nodes_broker"))
                .withAsync(broker.external(AsyncMessages.quickRetries(3, 2)));
        Function<String, String> environment = broker.environment(postgres.environment());
        nodeA = TestGateway.start(onChain(shared, "node-a"), dir.resolve("node-a"), environment);
        nodeB = TestGateway.startBeside(onChain(shared, "node-b"), dir.resolve("node-b"), environment, nodeA);
    }

    private static GatewayConfig onChain(GatewayConfig config, String chainId) {
        return config.withLog(new GatewayConfig.Log(config.log().store(), config.log().retention(), chainId));
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(nodeB, nodeA);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deliversAMessageAcceptedAtNodeAAndShowsItsStateAtNodeB() throws Exception {
        SoapResponse accepted = nodeA.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String messageId = PostgresGatewayIT.text(accepted, "messageId");

        await().atMost(PATIENCE).until(() -> PostgresGatewayIT.state(nodeB, messageId).equals("DELIVERED"));
        assertThat(receivedAt(nodeA, messageId) + " " + receivedAt(nodeB, messageId))
                .as("one node's provider took it").contains("taken=true");
    }

    @Test
    void refusesAtNodeBAnAsyncMessageIdNodeAAccepted() throws Exception {
        String request = AsyncMessages.sendMessageWithId(UUID.randomUUID().toString());
        SoapResponse first = nodeA.postSigned("/bip-async/", request);
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        SoapResponse again = nodeB.postSigned("/bip-async/", request);
        assertThat(again.status()).as(again.body()).isEqualTo(500);
        assertThat(again.errorCode()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE.name());
    }

    private static String receivedAt(TestGateway node, String messageId) throws Exception {
        return node.get("/sandbox/async-receiver?messageId=" + messageId).body();
    }
}
