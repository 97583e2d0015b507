package org.qaqpa.async;

import java.time.Instant;
import java.util.Optional;

/**
 * What the {@link DeliveryStateStore} knows about one accepted message: its state, since when, how
 * many delivery attempts were made and why the latest failed.
 *
 * @param serviceId the service it was sent to
 * @param sessionId the gateway's sessionId of its acceptance: its rows in the message log carry it
 */
public record DeliveryStatus(String senderId, String messageId, MessageState state, Instant acceptedAt, Instant stateAt,
                             Optional<Instant> deliveredAt, int attempts, Optional<String> lastError, String serviceId,
                             String sessionId) {
}
