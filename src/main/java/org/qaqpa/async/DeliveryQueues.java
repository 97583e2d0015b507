package org.qaqpa.async;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery queues on the broker and the retries of each. Services without a {@code retry:} block share
 * {@value DeliveryQueue#DELIVERY} with the {@code async.*} policy; a service with one gets its own queue
 * {@code qaqpa.async.delivery.<serviceId>}, because Artemis keys redelivery settings by address. All of them
 * dead-letter into {@value DeliveryQueue#DEAD_LETTERS}.
 *
 * <p>{@link #serve} runs before a services.yaml (re)load becomes visible: the new services' queues exist, with
 * their settings, and {@code onNewQueue} has started their consumers before any message can be sent to them.
 * A queue is never removed here (a service dropped from the file may still have messages waiting).
 */
public final class DeliveryQueues {

    /** Prefix of a service's own delivery queue. */
    public static final String SERVICE_QUEUE_PREFIX = DeliveryQueue.DELIVERY + ".";
    /** A dead letter that cannot be recorded (database down) is tried again this often, without end. */
    private static final long DEAD_LETTER_RETRY_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueues.class);

    private final BrokerConnection broker;
    private final RedeliveryPolicy defaults;
    private final Consumer<String> onNewQueue;
    /** The policy applied to each queue we have set up, by queue name. */
    private final Map<String, RedeliveryPolicy> applied = new ConcurrentHashMap<>();
    /** Which queue each async service's messages go to, by serviceId; absent: the shared queue. */
    private volatile Map<String, String> queueOfService = Map.of();

    /**
     * Creates the shared delivery queue and the dead-letter queue with their settings.
     *
     * @param onNewQueue starts the delivery route of a queue (called once per queue, the shared one first)
     */
    public DeliveryQueues(BrokerConnection broker, RedeliveryPolicy defaults, Consumer<String> onNewQueue) {
        this.broker = broker;
        this.defaults = defaults;
        this.onNewQueue = onNewQueue;
        try {
            // Settings before queues: a queue created without them would briefly have none (and Artemis warns).
            // Dead letters only record DELIVERY_STOPPED; they stay until an operator redelivers them.
            broker.applySettings(DeliveryQueue.DEAD_LETTERS, new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(DEAD_LETTER_RETRY_MILLIS));
            broker.ensureQueue(DeliveryQueue.DEAD_LETTERS);
            broker.applySettings(DeliveryQueue.DELIVERY, defaults.addressSettings());
            broker.ensureQueue(DeliveryQueue.DELIVERY);
            // Status notifications to senders: retried by the same rules; after the last attempt they are kept in
            // their own dead-letter queue (not among the messages an operator redelivers).
            broker.ensureQueue(DeliveryQueue.NOTIFY_DEAD_LETTERS);
            broker.applySettings(DeliveryQueue.NOTIFY, defaults.addressSettings()
                    .setDeadLetterAddress(SimpleString.of(DeliveryQueue.NOTIFY_DEAD_LETTERS)));
            broker.ensureQueue(DeliveryQueue.NOTIFY);
        } catch (Exception e) {
            throw new BrokerUnavailableException("cannot set up the delivery queues on the broker at " + broker.url()
                    + ": " + e.getMessage(), e);
        }
        applied.put(DeliveryQueue.DELIVERY, defaults);
    }

    /** Starts the shared queue's delivery route; then {@link #serve} starts the per-service ones. */
    public void start() {
        onNewQueue.accept(DeliveryQueue.DELIVERY);
    }

    /**
     * Makes the queues of {@code services} ready: each async service with a {@code retry:} block gets its queue,
     * its settings (again, when they changed) and its route. Throws when the broker refuses, so that a reload
     * that cannot be served is refused and the services loaded before stay.
     */
    public synchronized void serve(Collection<Service> services) {
        Map<String, String> queues = new ConcurrentHashMap<>();
        for (Service service : services) {
            if (service.mode() != ServiceMode.ASYNC || service.retry().isEmpty()) {
                continue;
            }
            String queue = SERVICE_QUEUE_PREFIX + service.serviceId();
            RedeliveryPolicy policy = defaults.with(service.retry().get());
            if (!policy.equals(applied.get(queue))) {
                try {
                    broker.applySettings(queue, policy.addressSettings());
                    broker.ensureQueue(queue);
                } catch (Exception e) {
                    throw new BrokerUnavailableException("cannot set up the delivery queue " + queue + ": " + e.getMessage(), e);
                }
                boolean isNew = applied.put(queue, policy) == null;
                LOG.info("delivery queue {}: {} attempts, redelivery after {} ms x{} up to {} ms", queue,
                        policy.maxDeliveryAttempts(), policy.redeliveryDelay().toMillis(), policy.redeliveryMultiplier(),
                        policy.maxRedeliveryDelay().toMillis());
                if (isNew) {
                    onNewQueue.accept(queue);
                }
            }
            queues.put(service.serviceId(), queue);
        }
        queueOfService = Map.copyOf(queues);
    }

    /** The queue an accepted message of {@code serviceId} is sent to. */
    public String queueOf(String serviceId) {
        return queueOfService.getOrDefault(serviceId, DeliveryQueue.DELIVERY);
    }

    /**
     * The broker's {@code max-delivery-attempts} for messages consumed from {@code queue}: what the delivery
     * counts its attempts against, so its last failed attempt is the one that records {@code DELIVERY_STOPPED}.
     */
    public int maxDeliveryAttempts(String queue) {
        RedeliveryPolicy policy = applied.get(queue);
        return (policy != null ? policy : defaults).maxDeliveryAttempts();
    }
}
