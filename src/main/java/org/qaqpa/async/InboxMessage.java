package org.qaqpa.async;

import java.util.Objects;

/**
 * A message in the PULL inbox ({@link AsyncInbox}): its routing facts and the queued {@code sendMessage}
 * as the recipient gets it (without the sender's password).
 */
public record InboxMessage(AcceptedMessage message, byte[] body) {

    public InboxMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(body, "body");
    }
}
