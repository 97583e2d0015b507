package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.storage.PostgresServer;

/**
 * Scale-out: two gateway nodes (each its own data directory, port, embedded broker and message-log chain)
 * sharing one PostgreSQL database, as behind a load balancer. The replay cache is the shared table, so a
 * messageId one node accepted is a duplicate at the other; requests go through either node; both chains
 * verify. (Async across nodes with one shared external broker: TwoNodesExternalBrokerIT.)
 */
class TwoNodesSharedDatabaseIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static GatewayConfig.Database database;
    private static TestGateway nodeA;
    private static TestGateway nodeB;

    @BeforeAll
    static void start() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        database = postgres.database("two_nodes");
        GatewayConfig shared = GatewayConfig.defaults().withDatabase(database).withAsync(AsyncMessages.quickRetries(3, 2));
        nodeA = TestGateway.start(onChain(shared, "node-a"), dir.resolve("node-a"), postgres.environment());
        nodeB = TestGateway.startBeside(onChain(shared, "node-b"), dir.resolve("node-b"), postgres.environment(), nodeA);
    }

    private static GatewayConfig onChain(GatewayConfig config, String chainId) {
        return config.withLog(new GatewayConfig.Log(config.log().store(), config.log().retention(), chainId));
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(nodeB, nodeA);
    }

    @Test
    void refusesAtNodeBAMessageIdNodeAAccepted() throws Exception {
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>first</ping>", UUID.randomUUID().toString(),
                Envelopes.SENDER, Envelopes.PASSWORD);
        SoapResponse first = nodeA.postSigned("/bip-sync/", request);
        assertThat(first.status()).as(first.body()).isEqualTo(200);

        SoapResponse replayed = nodeB.postSigned("/bip-sync/", request);
        assertThat(replayed.status()).isEqualTo(500);
        assertThat(replayed.errorCode()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE.name());
        assertThat(replayed.detailText("errorMessage")).contains(PostgresGatewayIT.text(first, "sessionId"));
    }

    @Test
    void routesConcurrentRequestsThroughBothNodesAndBothChainsVerify() throws Exception {
        List<Future<SoapResponse>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 40; i++) {
                TestGateway node = i % 2 == 0 ? nodeA : nodeB;
                String payload = "<ping>n" + i + "</ping>";
                answers.add(clients.submit(() -> node.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", payload))));
            }
            for (int i = 0; i < answers.size(); i++) {
                SoapResponse answer = answers.get(i).get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("n" + i);
            }
        } finally {
            clients.shutdownNow();
        }

        CliRun.Result verified = CliRun.run("log", "verify", "--config",
                PostgresGatewayIT.configDir(database, dir.resolve("config")).toString(), "--data", dir.resolve("node-a").toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("heads").contains("node-a=").contains("node-b=");
    }

    @Test
    void showsAtNodeBTheDeliveryStateOfAMessageNodeAAccepted() throws Exception {
        SoapResponse accepted = nodeA.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String messageId = PostgresGatewayIT.text(accepted, "messageId");

        await().atMost(PATIENCE).until(() -> PostgresGatewayIT.state(nodeB, messageId).equals("DELIVERED"));
    }
}
