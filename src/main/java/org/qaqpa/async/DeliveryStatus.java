package org.qaqpa.async;

import java.time.Instant;
import java.util.Optional;

/**
 * What the {@link DeliveryStateStore} knows about one accepted message: its state, since when, how
 * many delivery attempts were made and why the latest failed.
 */
public record DeliveryStatus(String senderId, String messageId, MessageState state, Instant acceptedAt, Instant stateAt,
                             Optional<Instant> deliveredAt, int attempts, Optional<String> lastError) {
}
