package org.qaqpa.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.async.MessageState;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;

/**
 * Route step of {@code IAsyncChannelClient.changeMassageStatusNotification} on {@code /bip-async-client/}, after
 * {@link NodeAuthProcessor}: a gateway node tells the state of a message this gateway passed on to it. A final state
 * ({@code DELIVERED}, {@code NOT_DELIVERED}, {@code DELIVERY_STOPPED}) becomes the message's state here, and its
 * sender is notified in turn ({@link SenderNotifier}) — so statuses flow back through every node to the original
 * sender, and {@code getMessageStatus} answers the same on each side. {@code ON_DELIVERY}, and a notification of a
 * message already in a final state (the node's broker retried it), only get the answer. {@code MESSAGE_NOT_FOUND}
 * when this gateway passed on no message with that messageId. The notification's log rows carry the message's
 * sessionId.
 */
public final class NodeStatusProcessor implements Processor {

    private final DeliveryStateStore states;
    private final SenderNotifier notifier;
    private final AsyncAnswers answers;

    public NodeStatusProcessor(DeliveryStateStore states, SenderNotifier notifier, Clock clock) {
        this.states = states;
        this.notifier = notifier;
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Element notification = AsyncRequestReader.child(AsyncRequestReader.child(OperationPayload.of(exchange), "request"),
                "notification");
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        List<DeliveryStatus> found = messageId == null ? List.of() : states.forwardedWith(messageId);
        if (found.isEmpty()) {
            throw new QaqpaFault(ErrorCode.MESSAGE_NOT_FOUND, "This gateway passed on no async message with messageId '"
                    + PrintableText.of(messageId) + "'.");
        }
        MessageState state = MessageState.valueOf(text(notification, "messageState"));
        Element status = AsyncRequestReader.child(notification, "status");
        String reason = status == null ? null : text(status, "statusMessage");
        DeliveryStatus first = found.get(0);
        in.setHeader(Headers.SESSION_ID, first.sessionId());
        in.setHeader(Headers.SERVICE_ID, first.serviceId());
        for (DeliveryStatus message : found) {
            if (!message.isFinal() && state != MessageState.ON_DELIVERY) {
                apply(message.message(), state, reason);
                notifier.stateChanged(message.message());
            }
        }
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answers.statusNotificationResponse(first.sessionId()))));
    }

    private void apply(AcceptedMessage message, MessageState state, String reason) {
        switch (state) {
            case DELIVERED -> states.delivered(message);
            case NOT_DELIVERED -> states.notDelivered(message, "at the next gateway node: " + reason);
            case DELIVERY_STOPPED -> states.stopped(message, "at the next gateway node: " + reason);
            case ON_DELIVERY -> throw new IllegalArgumentException("not a final state");
        }
    }

    private static String text(Element parent, String localName) {
        Element child = AsyncRequestReader.child(parent, localName);
        return child == null ? null : child.getTextContent().strip();
    }
}
