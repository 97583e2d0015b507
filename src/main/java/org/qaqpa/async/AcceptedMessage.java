package org.qaqpa.async;

import java.util.Objects;

/**
 * The routing facts of one accepted async message: who sent it under which messageId, for which
 * service, in which chain and exchange. Travels with the message through the broker (as message
 * properties) and keys its row in the {@link DeliveryStateStore}.
 *
 * @param correlationId the chain the message belongs to; null for a {@code REQUEST}
 * @param routeId       the routeId the sender asked for, or null
 * @param requesterId   for a chain message going back to the member that sent the chain's REQUEST: that
 *                      member; null for a message to the service's recipient (docs/async.md, chains)
 */
public record AcceptedMessage(String senderId, String messageId, String serviceId, String routeId, String correlationId,
                              String messageType, String sessionId, String requesterId) {

    public AcceptedMessage {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A message to the service's recipient. */
    public AcceptedMessage(String senderId, String messageId, String serviceId, String routeId, String correlationId,
                           String messageType, String sessionId) {
        this(senderId, messageId, serviceId, routeId, correlationId, messageType, sessionId, null);
    }

    /**
     * The broker's duplicate-detection id: sender and messageId together, since two senders may use
     * the same messageId; the sender's length first, so that no two pairs give the same text.
     */
    public String duplicateId() {
        return senderId.length() + ":" + senderId + messageId;
    }

    /**
     * The chain the message belongs to: its correlationId, or for a {@code REQUEST}, which starts a chain, its
     * own messageId (the correlationId its followers will carry). The message group that keeps a chain in order.
     */
    public String chainId() {
        return correlationId != null ? correlationId : messageId;
    }
}
