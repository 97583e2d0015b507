package org.qaqpa.ops.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.qaqpa.async.BrokerAdminClient;
import org.qaqpa.async.BrokerUnavailableException;
import org.qaqpa.async.DeadLetterRedelivery;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.log.MessageLog;

/**
 * {@code /admin/queues}: the async channel's queues with their depth and dead letters, a queue's dead letters,
 * and redelivering or purging them. The broker is asked through {@link BrokerAdminClient} (management messages, as
 * {@code qaqpa queue} does), redelivery is {@link DeadLetterRedelivery}'s, with the same checks and state changes.
 */
final class QueueResource {

    /** Queue names in a path: the async prefix, then what the delivery queues are named with (serviceIds). */
    private static final Pattern QUEUE_NAME = Pattern.compile(Pattern.quote(BrokerAdminClient.ASYNC_QUEUE_PREFIX)
            + "[\\p{L}\\p{N}_.@-]{1,200}");

    private final Supplier<BrokerAdminClient> broker;
    private final DeliveryStateStore states;
    private final MessageLog log;

    /**
     * @param broker connects to the gateway's broker (a new management session per request)
     * @param log    where a redelivery's own row goes ({@link DeadLetterRedelivery}): the gateway's chain
     */
    QueueResource(Supplier<BrokerAdminClient> broker, DeliveryStateStore states, MessageLog log) {
        this.broker = broker;
        this.states = states;
        this.log = log;
    }

    /** Every async queue that is not itself a dead-letter queue: its depth and its dead letters. */
    Map<String, Object> queues() {
        return withBroker(admin -> {
            List<String> names = admin.asyncQueues();
            List<Map<String, Object>> queues = new ArrayList<>();
            List<Map<String, Object>> deadLetterQueues = new ArrayList<>();
            for (String name : names) {
                Map<String, Object> queue = new LinkedHashMap<>();
                queue.put("name", name);
                queue.put("depth", admin.messageCount(name));
                if (isDeadLetterQueue(name)) {
                    deadLetterQueues.add(queue);
                } else {
                    queue.put("deadLetterQueue", deadLetterQueueOf(name));
                    queue.put("deadLetters", admin.countDeadLettersOf(deadLetterQueueOf(name), name));
                    queues.add(queue);
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("queues", queues);
            answer.put("deadLetterQueues", deadLetterQueues);
            return answer;
        });
    }

    /** The dead letters first sent to {@code queue}, with their delivery state where the database has one. */
    Map<String, Object> deadLetters(String queue) {
        checkName(queue);
        return withBroker(admin -> {
            knownQueue(admin, queue);
            List<Map<String, Object>> letters = new ArrayList<>();
            for (BrokerAdminClient.QueuedMessage message : admin.deadLettersOf(deadLetterQueueOf(queue), queue)) {
                Map<String, Object> letter = new LinkedHashMap<>();
                letter.put("messageId", message.messageId());
                letter.put("senderId", message.senderId());
                letter.put("brokerId", message.brokerId());
                Optional<DeliveryStatus> status = states.status(message.senderId(), message.messageId());
                status.ifPresent(s -> {
                    letter.put("serviceId", s.serviceId());
                    letter.put("state", s.state().name());
                    letter.put("attempts", s.attempts());
                    letter.put("since", s.stateAt().toString());
                    letter.put("lastError", s.lastError().orElse(null));
                    letter.put("sessionId", s.sessionId());
                });
                letters.add(letter);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("queue", queue);
            answer.put("deadLetterQueue", deadLetterQueueOf(queue));
            answer.put("deadLetters", letters);
            return answer;
        });
    }

    /** Sends one dead letter of {@code queue} back for delivery ({@code qaqpa queue redeliver}). */
    Map<String, Object> redeliver(String queue, String messageId, Optional<String> senderId) {
        checkName(queue);
        return withBroker(admin -> {
            knownQueue(admin, queue);
            try {
                DeadLetterRedelivery.Redelivered done = new DeadLetterRedelivery(states, admin, log)
                        .redeliver(messageId, senderId, Optional.of(queue));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("messageId", messageId);
                answer.put("senderId", done.before().senderId());
                answer.put("queue", done.queue());
                answer.put("state", "ON_DELIVERY");
                answer.put("attemptsBefore", done.before().attempts());
                return answer;
            } catch (DeadLetterRedelivery.Refused refused) {
                throw new AdminException(409, AdminException.CONFLICT, refused.getMessage(), "messageId");
            }
        });
    }

    /**
     * Deletes the dead letters of {@code queue} from its dead-letter queue. Their state stays
     * {@code DELIVERY_STOPPED}: the sender still sees that the delivery stopped; nothing can redeliver them after.
     */
    Map<String, Object> purge(String queue) {
        checkName(queue);
        return withBroker(admin -> {
            knownQueue(admin, queue);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("queue", queue);
            answer.put("deadLetterQueue", deadLetterQueueOf(queue));
            answer.put("purged", admin.purgeDeadLettersOf(deadLetterQueueOf(queue), queue));
            return answer;
        });
    }

    static boolean isDeadLetterQueue(String queue) {
        return queue.equals(DeliveryQueue.DEAD_LETTERS) || queue.equals(DeliveryQueue.NOTIFY_DEAD_LETTERS);
    }

    /** Status notifications have their own dead-letter queue; every delivery queue shares the other. */
    static String deadLetterQueueOf(String queue) {
        return queue.startsWith(DeliveryQueue.NOTIFY) ? DeliveryQueue.NOTIFY_DEAD_LETTERS : DeliveryQueue.DEAD_LETTERS;
    }

    private static void checkName(String queue) {
        if (!QUEUE_NAME.matcher(queue).matches()) {
            throw AdminException.badRequest("queue", "a queue name starts with " + BrokerAdminClient.ASYNC_QUEUE_PREFIX);
        }
        if (isDeadLetterQueue(queue)) {
            throw AdminException.badRequest("queue", queue + " is a dead-letter queue; name the queue its messages"
                    + " were sent to (GET /admin/queues lists them)");
        }
    }

    private static void knownQueue(BrokerAdminClient admin, String queue) throws Exception {
        if (!admin.asyncQueues().contains(queue)) {
            throw AdminException.notFound("the broker has no queue " + queue);
        }
    }

    private interface BrokerWork<T> {
        T run(BrokerAdminClient admin) throws Exception;
    }

    private <T> T withBroker(BrokerWork<T> work) {
        BrokerAdminClient admin;
        try {
            admin = broker.get();
        } catch (BrokerUnavailableException e) {
            throw new AdminException(503, AdminException.BROKER_UNAVAILABLE, e.getMessage());
        }
        try (admin) {
            return work.run(admin);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AdminException(503, AdminException.BROKER_UNAVAILABLE, "the broker failed: " + e.getMessage());
        }
    }
}
