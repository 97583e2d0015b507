package org.qaqpa.async;

/** Where an accepted async message is in its delivery ({@code common:MessageState} of the contract). */
public enum MessageState {
    /** Accepted and in the broker's journal; being delivered or waiting for the next attempt. */
    ON_DELIVERY,
    /** The recipient acknowledged it. */
    DELIVERED,
    /** The PULL recipient refused it for good ({@code MESSAGE_NOT_ACCTEPTED} with {@code NOT_RESEND}). */
    NOT_DELIVERED,
    /** Every configured attempt failed; the message waits in the dead-letter queue for an operator. */
    DELIVERY_STOPPED
}
