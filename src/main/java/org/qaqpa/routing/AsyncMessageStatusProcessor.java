package org.qaqpa.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Member;

/**
 * Route step of {@code getMessageStatus}, after member authentication: answers the state of the
 * authenticated member's own message. A messageId only another member sent is refused with
 * {@code SERVICE_NOT_ALLOWED} (the state of someone else's message is not the caller's to see), an
 * unknown one with {@code MESSAGE_NOT_FOUND}.
 */
public final class AsyncMessageStatusProcessor implements Processor {

    private final DeliveryStateStore states;
    private final AsyncAnswers answers;

    public AsyncMessageStatusProcessor(DeliveryStateStore states, Clock clock) {
        this.states = states;
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(Headers.MESSAGE_ID, String.class);
        Member caller = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        List<DeliveryStatus> found = messageId == null ? List.of() : states.withMessageId(messageId);
        if (found.isEmpty()) {
            throw new QaqpaFault(ErrorCode.MESSAGE_NOT_FOUND, "No async message with messageId '"
                    + PrintableText.of(messageId) + "' is known.");
        }
        DeliveryStatus own = found.stream().filter(s -> s.senderId().equals(caller.senderId())).findFirst()
                .orElseThrow(() -> new QaqpaFault(ErrorCode.SERVICE_NOT_ALLOWED, "The message '" + PrintableText.of(messageId)
                        + "' was sent by another member; only its sender may ask for its status."));
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(
                answers.messageStatusResponse(own, exchange.getIn().getHeader(Headers.SESSION_ID, String.class)))));
    }
}
