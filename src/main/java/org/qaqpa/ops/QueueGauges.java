package org.qaqpa.ops;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.DeliveryQueue;

/**
 * The async channel's queues as gauges, read from Artemis (management messages, as {@code qaqpa queue} reads
 * them) at every scrape: {@code qaqpa_async_queue_messages{queue}} for the delivery and notification queues,
 * {@code qaqpa_async_dlq_messages{queue}} for the dead-letter queues. A queue that is gone drops out of the
 * output; a broker that does not answer leaves the last values and is asked again at the next scrape.
 */
public final class QueueGauges implements AutoCloseable {

    private final Supplier<BrokerAdminClient> connect;
    private final MultiGauge depths;
    private final MultiGauge deadLetters;
    private BrokerAdminClient admin;

    /** @param connect opens a management connection to the gateway's broker (kept open between scrapes) */
    public QueueGauges(GatewayMetrics metrics, Supplier<BrokerAdminClient> connect) {
        this.connect = connect;
        this.depths = MultiGauge.builder("qaqpa.async.queue.messages")
                .description("Messages waiting or being delivered in an async queue").register(metrics.registry());
        this.deadLetters = MultiGauge.builder("qaqpa.async.dlq.messages")
                .description("Messages in an async dead-letter queue (delivery stopped)").register(metrics.registry());
        metrics.beforeScrape(this::refresh);
    }

    /** Reads every async queue's message count. */
    synchronized void refresh() {
        try {
            if (admin == null) {
                admin = connect.get();
            }
            List<MultiGauge.Row<?>> queues = new ArrayList<>();
            List<MultiGauge.Row<?>> dlqs = new ArrayList<>();
            for (String queue : admin.asyncQueues()) {
                long count = admin.messageCount(queue);
                (isDeadLetterQueue(queue) ? dlqs : queues).add(MultiGauge.Row.of(Tags.of("queue", queue), count));
            }
            depths.register(queues, true);
            deadLetters.register(dlqs, true);
        } catch (Exception e) {
            closeAdmin();
            throw new IllegalStateException("cannot read the async queues: " + e.getMessage(), e);
        }
    }

    static boolean isDeadLetterQueue(String queue) {
        return queue.equals(DeliveryQueue.DEAD_LETTERS) || queue.endsWith(".dlq");
    }

    private void closeAdmin() {
        if (admin != null) {
            try {
                admin.close();
            } catch (Exception e) {
                // already broken: nothing left to release that a new connection would need
            } finally {
                admin = null;
            }
        }
    }

    @Override
    public synchronized void close() {
        closeAdmin();
    }
}
