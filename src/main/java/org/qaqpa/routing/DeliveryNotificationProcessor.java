package org.qaqpa.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.async.AsyncInbox;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.InboxMessage;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Member;
import org.w3c.dom.Element;

/**
 * Route step of {@code sendDeliveryNotification}, after member authentication: the PULL recipient's
 * acknowledgement of a message {@code getMessages} handed out to it.
 *
 * <ul>
 *   <li>{@code MESSAGE_ACCEPTED}: {@code DELIVERED}, and the message leaves the inbox.</li>
 *   <li>{@code MESSAGE_NOT_ACCTEPTED} (the contract's spelling) with {@code RESEND}: the lease ends, the
 *       next {@code getMessages} hands it out again.</li>
 *   <li>{@code MESSAGE_NOT_ACCTEPTED} with {@code NOT_RESEND}: {@code NOT_DELIVERED} (with the
 *       recipient's {@code error}, if it gave one), and the message leaves the inbox.</li>
 * </ul>
 *
 * <p>A final state is notified to a sender with an {@code async-url} ({@link SenderNotifier}).
 *
 * <p>A notification for a message the caller did not receive — unknown, in another member's inbox, never
 * handed out, or already acknowledged — is {@code MESSAGE_NOT_FOUND}. The state is written before the
 * row goes, so a crash between the two leaves a message that is handed out once more (at least once),
 * never one that is lost.
 */
public final class DeliveryNotificationProcessor implements Processor {

    static final String ACCEPTED = "MESSAGE_ACCEPTED";
    static final String RESEND = "RESEND";

    private final AsyncInbox inbox;
    private final DeliveryStateStore states;
    private final SenderNotifier notifier;
    private final AsyncAnswers answers;

    public DeliveryNotificationProcessor(AsyncInbox inbox, DeliveryStateStore states, SenderNotifier notifier, Clock clock) {
        this.inbox = inbox;
        this.states = states;
        this.notifier = notifier;
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Member caller = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        String serviceId = in.getHeader(Headers.SERVICE_ID, String.class);
        InboxMessage received = inbox.received(caller.senderId(), serviceId, messageId).orElseThrow(() -> new QaqpaFault(
                ErrorCode.MESSAGE_NOT_FOUND, "No message with messageId '" + PrintableText.of(messageId) + "' of serviceId '"
                + PrintableText.of(serviceId) + "' was handed out to '" + PrintableText.of(caller.senderId())
                + "' and not yet acknowledged."));
        Element status = AsyncRequestReader.child(AsyncRequestReader.child(AsyncRequestReader.child(
                OperationPayload.of(exchange), "request"), "notification"), "deliveryStatus");
        if (ACCEPTED.equals(text(status, "receiveStatus"))) {
            states.delivered(received.message());
            inbox.remove(received.message());
            notifier.stateChanged(received.message());
        } else if (RESEND.equals(text(status, "resendMessage"))) {
            inbox.release(received.message());
        } else {
            states.notDelivered(received.message(), refusal(AsyncRequestReader.child(status, "error")));
            inbox.remove(received.message());
            notifier.stateChanged(received.message());
        }
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answers.deliveryNotificationResponse(
                UUID.randomUUID().toString(), in.getHeader(Headers.SESSION_ID, String.class)))));
    }

    /** What the recipient said about its refusal ({@code ErrorInfo}: errorCode, errorMessage), for the state. */
    private static String refusal(Element error) {
        String said = error == null ? "" : (text(error, "errorCode") + " " + text(error, "errorMessage")).trim();
        return said.isEmpty() ? "MESSAGE_NOT_ACCTEPTED, NOT_RESEND" : PrintableText.of(said);
    }

    private static String text(Element parent, String localName) {
        Element child = AsyncRequestReader.child(parent, localName);
        return child == null ? "" : child.getTextContent().trim();
    }
}
