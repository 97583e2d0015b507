package org.qaqpa.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.BrokerConnection;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryQueues;
import org.qaqpa.async.EmbeddedBroker;
import org.qaqpa.async.RedeliveryPolicy;
import org.qaqpa.config.GatewayConfig;

/**
 * The ceiling of "persist before answering" on this machine: persistent, blocking JMS sends of
 * request-sized messages into an embedded Artemis built by the gateway's own {@link EmbeddedBroker}
 * (the same journal type and sync settings, reached through the same {@link BrokerConnection}) and sent
 * by its own {@link DeliveryQueue} (the same JMS
 * template, cached sessions and duplicate id), from the same number of concurrent senders, with the
 * journal on the same disk as the gateway's. Nothing else: no HTTP, XML, signature or database.
 */
final class JournalBaseline {

    private static final String SENDER = "bench";

    private JournalBaseline() {
    }

    /** Warms the broker up for {@code warmup}, then measures sends for {@code length}; the broker is stopped after. */
    static ClosedLoop.Result run(Path dir, GatewayConfig.Async settings, int concurrency, int messageBytes,
                                 Duration warmup, Duration length) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker();
        broker.start(dir);
        try (BrokerConnection connection = BrokerConnection.open(broker.inVmUrl(), broker.user(), broker.password())) {
            new DeliveryQueues(connection, RedeliveryPolicy.of(settings), queueName -> { });
            DeliveryQueue queue = new DeliveryQueue(connection.connectionFactory());
            byte[] body = new byte[messageBytes];
            ClosedLoop.Call send = () -> {
                AcceptedMessage message = new AcceptedMessage(SENDER, UUID.randomUUID().toString(), "BENCH_BASELINE",
                        null, null, "REQUEST", SENDER);
                queue.send(DeliveryQueue.DELIVERY, message, body, Map.of());
                return ClosedLoop.Outcome.ACCEPTED;
            };
            ClosedLoop.run(concurrency, warmup, send);
            return ClosedLoop.run(concurrency, length, send);
        } finally {
            broker.close();
        }
    }
}
