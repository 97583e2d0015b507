package org.qaqpa.async;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;

/**
 * An operator sends a message whose delivery stopped ({@code DELIVERY_STOPPED}, waiting in
 * {@value DeliveryQueue#DEAD_LETTERS}) to its recipient again ({@code qaqpa queue redeliver}). The broker
 * moves the dead letter back to the queue it came from ({@link BrokerAdminClient#retry}, a new message
 * with a fresh delivery count, so it gets all its attempts again); the state becomes {@code ON_DELIVERY}
 * with no attempt counted; the operator's action is a row of the message log, under the message's
 * sessionId, on the chain {@value #LOG_CHAIN}.
 *
 * <p>The action has its own chain because the running gateway appends to {@link MessageLog#DEFAULT_CHAIN}
 * from its single writer: a second process appending to that chain would make the gateway's next batch
 * fail (the head moved under it). Two operators redelivering at the same instant likewise make one of
 * them fail rather than fork the operator chain.
 */
public final class DeadLetterRedelivery {

    /** The message-log chain of operator actions. */
    public static final String LOG_CHAIN = "operator";
    /** The status word of the operator's row. */
    public static final String LOGGED_STATUS = "REDELIVERED";

    /** Why a message cannot be redelivered; the message says it for an operator. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A dead letter sent back: where to, and the state it had before. */
    public record Redelivered(DeliveryStatus before, String queue) {
    }

    private final DeliveryStateStore states;
    private final BrokerAdminClient broker;
    private final MessageLog operatorLog;

    /** @param operatorLog a log writing the chain {@value #LOG_CHAIN} */
    public DeadLetterRedelivery(DeliveryStateStore states, BrokerAdminClient broker, MessageLog operatorLog) {
        this.states = states;
        this.broker = broker;
        this.operatorLog = operatorLog;
    }

    /**
     * Redelivers the message {@code messageId} (of {@code senderId}, needed only when two senders used that id).
     *
     * @throws Refused   unknown message, ambiguous id, not {@code DELIVERY_STOPPED}, or not in the dead-letter queue
     * @throws Exception the broker or the database failed; the state is then as before
     */
    public Redelivered redeliver(String messageId, Optional<String> senderId) throws Exception {
        return redeliver(messageId, senderId, Optional.empty());
    }

    /**
     * As {@link #redeliver(String, Optional)}, refused unless the dead letter came from {@code fromQueue} when one
     * is given (the admin API's {@code POST /admin/queues/{queue}/redeliver}).
     */
    public Redelivered redeliver(String messageId, Optional<String> senderId, Optional<String> fromQueue)
            throws Exception {
        DeliveryStatus before = find(states, messageId, senderId);
        if (before.state() != MessageState.DELIVERY_STOPPED) {
            throw new Refused("message " + messageId + " of sender " + before.senderId() + " is " + before.state()
                    + ", not dead-lettered: only a DELIVERY_STOPPED message (in " + DeliveryQueue.DEAD_LETTERS
                    + ") can be redelivered");
        }
        List<BrokerAdminClient.QueuedMessage> queued = broker.find(before.senderId(), messageId);
        BrokerAdminClient.QueuedMessage deadLetter = queued.stream()
                .filter(message -> message.queue().equals(DeliveryQueue.DEAD_LETTERS)).findFirst()
                .orElseThrow(() -> new Refused("message " + messageId + " is DELIVERY_STOPPED but the broker does not hold"
                        + " it in " + DeliveryQueue.DEAD_LETTERS + (queued.isEmpty() ? "" : " (it is in "
                        + queued.get(0).queue() + ")") + "; nothing to redeliver"));
        String queue = deadLetter.originalAddress().orElse(DeliveryQueue.DELIVERY);
        if (fromQueue.isPresent() && !fromQueue.get().equals(queue)) {
            throw new Refused("message " + messageId + " is a dead letter of " + queue + ", not of " + fromQueue.get());
        }
        if (!states.redelivering(before.senderId(), messageId)) {
            throw new Refused("message " + messageId + " changed its state meanwhile; look again with qaqpa queue show");
        }
        boolean moved;
        try {
            moved = broker.retry(deadLetter);
        } catch (Exception | Error e) {
            states.restore(before);
            throw e;
        }
        if (!moved) {
            states.restore(before);
            throw new Refused("the broker no longer holds message " + messageId + " in " + DeliveryQueue.DEAD_LETTERS);
        }
        String action = "qaqpa queue redeliver " + messageId + ": moved from " + DeliveryQueue.DEAD_LETTERS + " to "
                + queue + " by " + System.getProperty("user.name") + "; the state was DELIVERY_STOPPED after "
                + before.attempts() + " attempt(s)" + before.lastError().map(error -> ", last error: " + error).orElse("");
        operatorLog.record(new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.ASYNC, before.senderId(),
                before.serviceId(), messageId, before.sessionId(), null, null, LOGGED_STATUS, null,
                action.getBytes(StandardCharsets.UTF_8)));
        return new Redelivered(before, queue);
    }

    /**
     * The one accepted message with this id (and sender, if given).
     *
     * @throws Refused none, or several senders used the id and none was given
     */
    public static DeliveryStatus find(DeliveryStateStore states, String messageId, Optional<String> senderId)
            throws Refused {
        List<DeliveryStatus> found = states.withMessageId(messageId).stream()
                .filter(status -> senderId.map(status.senderId()::equals).orElse(true)).toList();
        if (found.isEmpty()) {
            throw new Refused("no accepted async message has messageId " + messageId
                    + senderId.map(sender -> " from sender " + sender).orElse(""));
        }
        if (found.size() > 1) {
            throw new Refused("several senders used messageId " + messageId + " ("
                    + String.join(", ", found.stream().map(DeliveryStatus::senderId).toList()) + "); name one with --sender");
        }
        return found.get(0);
    }
}
