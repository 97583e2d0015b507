package org.qaqpa.registry;

/**
 * How the recipient of an async service gets its messages ({@code delivery} in {@code services.yaml}).
 */
public enum AsyncDelivery {
    /** The gateway calls the recipient's {@code IAsyncChannelClient.sendMessage} at the service's {@code url}. */
    PUSH,
    /**
     * The recipient member fetches its messages with {@code getMessages} and acknowledges each with
     * {@code sendDeliveryNotification}; for systems that cannot be called (no public endpoint).
     */
    PULL
}
