package org.qaqpa.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryQueues;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.xml.ScopedImport;
import org.qaqpa.xml.XmlBytes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The last step of the async {@code sendMessage}: records the message as {@code ON_DELIVERY}, puts it
 * into the broker's delivery queue (returning once it is in the synced journal) and only then answers
 * {@code sendMessageResponse} with the messageId, the correlationId of its chain (a REQUEST's own
 * messageId: it starts the chain) and the gateway's sessionId.
 *
 * <p>What is queued is the member's {@code sendMessage} as the recipient will get it: with the
 * messageId the gateway assigned, the gateway's sessionId, and without the sender's password, which
 * is for the gateway only. From a gateway node it keeps the original sender the node named (also a broker
 * message property, for the message log); from anyone else that property is dropped.
 */
public final class AsyncAcceptProcessor implements Processor {

    /**
     * Exchange property: true when the message was accepted before under the same sender and messageId (a gateway
     * node passing a message back again after a crash); it is answered again, not queued twice.
     */
    static final String ACCEPTED_BEFORE = "QaqpaAcceptedBefore";

    private final DeliveryStateStore states;
    private final DeliveryQueue queue;
    private final DeliveryQueues queues;
    private final AsyncAnswers answers;

    /** @param queues which delivery queue each service's messages go to */
    public AsyncAcceptProcessor(DeliveryStateStore states, DeliveryQueue queue, DeliveryQueues queues, Clock clock) {
        this.states = states;
        this.queue = queue;
        this.queues = queues;
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        AcceptedMessage message = QueuedHeaders.accepted(exchange.getIn());
        if (exchange.getProperty(ACCEPTED_BEFORE, false, Boolean.class)) {
            exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answers.sendMessageResponse(message))));
            return;
        }
        Optional<String> originalSender = Optional.ofNullable(exchange.getIn().getHeader(Headers.ORIGINAL_SENDER_ID, String.class));
        byte[] forwarded = XmlBytes.of(forwarded(OperationPayload.of(exchange), message, originalSender));
        states.accepted(message);
        Map<String, String> properties = QueuedHeaders.of(message);
        originalSender.ifPresent(original -> properties.put(Headers.ORIGINAL_SENDER_ID, original));
        try {
            queue.send(queues.queueOf(message.serviceId()), message, forwarded, properties);
        } catch (RuntimeException brokerFailed) {
            states.forget(message);
            throw new QaqpaFault(ErrorCode.INTERNAL_ERROR, "The gateway could not store the message; it was not accepted.");
        }
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(answers.sendMessageResponse(message))));
    }

    /**
     * A copy of the member's {@code sendMessage} with the gateway's messageId and sessionId, without the password,
     * naming as original sender ({@link OriginalSender}) exactly the one a node member vouched for.
     */
    private Document forwarded(Element sendMessage, AcceptedMessage message, Optional<String> originalSender) {
        Document document = AsyncAnswers.newDocument();
        Element copy = ScopedImport.of(document, sendMessage);
        document.appendChild(copy);
        Element info = AsyncRequestReader.child(AsyncRequestReader.child(copy, "request"), "messageInfo");
        Element messageId = AsyncRequestReader.child(info, "messageId");
        if (messageId == null) {
            messageId = document.createElementNS(null, "messageId");
            info.insertBefore(messageId, info.getFirstChild());
        }
        messageId.setTextContent(message.messageId());
        Element password = AsyncRequestReader.child(AsyncRequestReader.child(info, "sender"), "password");
        if (password != null) {
            password.getParentNode().removeChild(password);
        }
        Element sessionId = AsyncRequestReader.child(info, "sessionId");
        if (sessionId == null) {
            sessionId = document.createElementNS(null, "sessionId");
            info.appendChild(sessionId);
        }
        sessionId.setTextContent(message.sessionId());
        OriginalSender.set(info, originalSender);
        return document;
    }

    /** The broker message properties of an accepted message: the route headers of the same names. */
    static final class QueuedHeaders {

        private QueuedHeaders() {
        }

        static Map<String, String> of(AcceptedMessage message) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(Headers.SENDER_ID, message.senderId());
            properties.put(Headers.MESSAGE_ID, message.messageId());
            properties.put(Headers.SERVICE_ID, message.serviceId());
            properties.put(Headers.ROUTE_ID, message.routeId());
            properties.put(Headers.CORRELATION_ID, message.correlationId());
            properties.put(Headers.MESSAGE_TYPE, message.messageType());
            properties.put(Headers.SESSION_ID, message.sessionId());
            properties.put(Headers.REQUESTER_ID, message.requesterId());
            return properties;
        }

        static AcceptedMessage accepted(org.apache.camel.Message in) {
            return new AcceptedMessage(in.getHeader(Headers.SENDER_ID, String.class),
                    in.getHeader(Headers.MESSAGE_ID, String.class), in.getHeader(Headers.SERVICE_ID, String.class),
                    in.getHeader(Headers.ROUTE_ID, String.class), in.getHeader(Headers.CORRELATION_ID, String.class),
                    in.getHeader(Headers.MESSAGE_TYPE, String.class), in.getHeader(Headers.SESSION_ID, String.class),
                    in.getHeader(Headers.REQUESTER_ID, String.class));
        }
    }
}
