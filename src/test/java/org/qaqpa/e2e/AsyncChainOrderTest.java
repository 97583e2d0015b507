package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * Ordering by correlationId, end to end: 8 senders at once, each sends a chain — a REQUEST, then
 * NOTIFICATIONs and UPDATEs naming its messageId — while 16 delivery consumers work in parallel. The recipient
 * takes 5 s over each REQUEST, so its followers are queued while it is still being delivered: without the
 * chain's message group another consumer would deliver them first. Every chain reaches the sandbox
 * recipient in the order the gateway accepted it.
 */
class AsyncChainOrderTest {

    private static final int SENDERS = 8;
    private static final int FOLLOWERS = 5;
    /** More consumers than chains: a follower always finds a free one while its REQUEST is still delivered. */
    private static final int CONSUMERS = 16;
    /**
     * How long the recipient takes over a REQUEST: longer than the sender needs to have its next message accepted
     * (member authentication alone is a PBKDF2 of 600,000 iterations), so the follower waits in the queue meanwhile.
     */
    private static final int REQUEST_MILLIS = 5_000;

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(GatewayConfig.defaults()
                .withAsync(AsyncMessages.quickRetries(3, CONSUMERS)), data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void deliversEachChainInTheOrderAccepted() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<List<String>>> chains = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                chains.add(senders.submit(sendChain()));
            }
            for (Future<List<String>> future : chains) {
                List<String> accepted = future.get();
                String chain = accepted.get(0);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> arrived(chain).size() == accepted.size());
                assertThat(arrived(chain)).as("chain " + chain + " at the recipient").containsExactlyElementsOf(accepted);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** Sends a REQUEST, then its followers one by one (each accepted before the next is sent); the accepted messageIds. */
    private static Callable<List<String>> sendChain() {
        return () -> {
            List<String> accepted = new ArrayList<>();
            String chain = messageId(gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null,
                    "<properties><key>SANDBOX_DELAY_MILLIS</key><value>" + REQUEST_MILLIS + "</value></properties>")));
            accepted.add(chain);
            for (int i = 0; i < FOLLOWERS; i++) {
                String type = i % 2 == 0 ? "NOTIFICATION" : "UPDATE";
                accepted.add(messageId(gateway.postSigned("/bip-async/", AsyncMessages.sendMessage(type, chain, ""))));
            }
            return accepted;
        };
    }

    private static String messageId(SoapResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.document().getElementsByTagName("messageId").item(0).getTextContent();
    }

    /** The chain's messageIds in the order the recipient took them. */
    private static List<String> arrived(String chain) throws Exception {
        String body = gateway.get("/sandbox/async-receiver?correlationId=" + chain).body();
        return body.isEmpty() ? List.of() : List.of(body.split(","));
    }
}
