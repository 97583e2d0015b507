package org.qaqpa.routing;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceRegistry;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Element;

/**
 * Route step of {@code getMessages}, after member authentication: hands the caller the oldest of its
 * PULL messages of {@code serviceId} that are not leased (optionally only one chain's, or one
 * messageId), at most {@code amount}, and leases them for {@code async.pull-lease}.
 *
 * <p>Only the caller's own inbox is read, so a message addressed to another member is never returned.
 * The caller must be the service's recipient, have messages of it in its inbox, or have sent messages
 * to it (a requester waiting for the answers to its REQUESTs, docs/async.md); any other is refused:
 * {@code SERVICE_NOT_FOUND} for a serviceId not registered, else {@code SERVICE_NOT_ALLOWED}. (Messages
 * of a service removed from the registry since they were accepted can still be fetched.) {@code amount}
 * defaults to {@value #DEFAULT_AMOUNT}; a larger one than {@value #MAX_AMOUNT} is capped, not refused
 * (a client asking for "everything" gets a full page and asks again); below 1 it is {@code MESSAGE_INVALID}.
 * The page is also cut at {@code async.pull-max-bytes} of message bodies (the oldest message always goes), so
 * the answer's size stays bounded whatever the messages' sizes.
 */
public final class GetMessagesProcessor implements Processor {

    /** Messages handed out when the request gives no {@code amount}. */
    public static final int DEFAULT_AMOUNT = 10;
    /** The most messages one {@code getMessages} hands out: bounds the answer's size and the leases taken at once. */
    public static final int MAX_AMOUNT = 100;

    private final AsyncInbox inbox;
    private final DeliveryStateStore states;
    private final ServiceRegistry services;
    private final Duration lease;
    private final long maxBytes;
    private final SecureDocuments documents;
    private final AsyncAnswers answers;

    /**
     * @param lease    how long a handed-out message is not handed out again ({@code async.pull-lease})
     * @param maxBytes message bodies one answer carries at most, the oldest always ({@code async.pull-max-bytes})
     */
    public GetMessagesProcessor(AsyncInbox inbox, DeliveryStateStore states, ServiceRegistry services, Duration lease,
                                long maxBytes, XmlLimits limits, Clock clock) {
        this.inbox = inbox;
        this.states = states;
        this.services = services;
        this.lease = lease;
        this.maxBytes = maxBytes;
        this.documents = new SecureDocuments(limits);
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Member caller = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        String serviceId = in.getHeader(Headers.SERVICE_ID, String.class);
        Optional<Service> service = services.find(serviceId);
        if (!service.filter(s -> s.isRecipient(caller.senderId())).isPresent() && !inbox.hasAny(caller.senderId(), serviceId)
                && !states.hasSent(caller.senderId(), serviceId)) {
            throw service.isEmpty()
                    ? new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No service is registered for serviceId '"
                            + PrintableText.of(serviceId) + "'.")
                    : new QaqpaFault(ErrorCode.SERVICE_NOT_ALLOWED, "'" + PrintableText.of(caller.senderId())
                            + "' is not the recipient of serviceId '" + PrintableText.of(serviceId) + "' and has no messages of it.");
        }
        int amount = amount(AsyncRequestReader.child(AsyncRequestReader.child(OperationPayload.of(exchange), "request"), "amount"));
        List<InboxMessage> handedOut = inbox.handOut(caller.senderId(), serviceId,
                nonBlank(in.getHeader(Headers.CORRELATION_ID, String.class)), nonBlank(in.getHeader(Headers.MESSAGE_ID, String.class)),
                amount, maxBytes, lease);
        List<Element> queued = new ArrayList<>();
        for (InboxMessage message : handedOut) {
            queued.add(documents.parse(new ByteArrayInputStream(message.body())).getDocumentElement());
        }
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), List.of(
                answers.messagesResponse(queued, in.getHeader(Headers.SESSION_ID, String.class)))));
    }

    /** The schema has already held {@code amount} to an {@code xsd:int}. */
    private static int amount(Element amount) {
        if (amount == null) {
            return DEFAULT_AMOUNT;
        }
        int asked = Integer.parseInt(amount.getTextContent().trim().replaceFirst("^\\+", ""));
        if (asked < 1) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "amount must be at least 1 (got " + asked + ").");
        }
        return Math.min(asked, MAX_AMOUNT);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
