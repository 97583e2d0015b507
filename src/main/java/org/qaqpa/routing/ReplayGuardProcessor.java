package org.qaqpa.routing;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Route step (bean {@code replayGuard}): the {@link ReplayGuard} check for the request in the exchange,
 * from the headers {@link Headers#SENDER_ID}, {@link Headers#MESSAGE_ID}, {@link Headers#MESSAGE_DATE}
 * and {@link Headers#SESSION_ID}. Belongs after member authentication, so that only the authenticated
 * sender can use up its own messageIds, and before the request is logged and sent to the provider.
 * A request another gateway node passed on counts as its original sender's ({@code node/original}): the
 * systems behind one regional node choose their messageIds independently of each other.
 */
public final class ReplayGuardProcessor implements Processor {

    private final ReplayGuard guard;

    public ReplayGuardProcessor(ReplayGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        String sender = required(in.getHeader(Headers.SENDER_ID, String.class), "senderId");
        String original = in.getHeader(Headers.ORIGINAL_SENDER_ID, String.class);
        // '/' is not allowed in a senderId (registry ids), so the pair cannot collide with a member's own id
        guard.accept(original == null ? sender : sender + "/" + original,
                required(in.getHeader(Headers.MESSAGE_ID, String.class), "messageId"),
                required(in.getHeader(Headers.MESSAGE_DATE, Instant.class), "messageDate"),
                in.getHeader(Headers.SESSION_ID, String.class));
    }

    /** The contract requires all three; a request that reaches this step without one is refused, not let through. */
    private static <T> T required(T value, String element) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request has no " + element + ".");
        }
        return value;
    }
}
