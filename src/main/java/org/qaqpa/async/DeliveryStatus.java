package org.qaqpa.async;

import java.time.Instant;
import java.util.Optional;

/**
 * What the {@link DeliveryStateStore} knows about one accepted message: its state, since when, how
 * many delivery attempts were made and why the latest failed.
 *
 * @param serviceId     the service it was sent to
 * @param sessionId     the gateway's sessionId of its acceptance: its rows in the message log carry it
 * @param correlationId the chain it belongs to; null for a {@code REQUEST}
 * @param forwardedTo   the address of the gateway node that accepted it from this one, when it was passed on
 */
public record DeliveryStatus(String senderId, String messageId, MessageState state, Instant acceptedAt, Instant stateAt,
                             Optional<Instant> deliveredAt, int attempts, Optional<String> lastError, String serviceId,
                             String sessionId, String correlationId, String messageType, Optional<String> forwardedTo) {

    /** The message's routing facts as far as the state row keeps them (not its routeId and requester). */
    public AcceptedMessage message() {
        return new AcceptedMessage(senderId, messageId, serviceId, null, correlationId, messageType, sessionId);
    }

    /** Whether the state is final: {@code DELIVERED}, {@code NOT_DELIVERED} or {@code DELIVERY_STOPPED}. */
    public boolean isFinal() {
        return state != MessageState.ON_DELIVERY;
    }
}
