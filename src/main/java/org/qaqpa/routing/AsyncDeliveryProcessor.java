package org.qaqpa.routing;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.AsyncInbox;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.async.MessageState;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.error.SubError;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.ServiceRegistry;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Element;
import org.qaqpa.server.LogContext;

/**
 * The step of the delivery route (routes/async-delivery.yaml) that delivers one queued message to its
 * {@link AsyncDestination}: into the PULL recipient's {@link AsyncInbox}, or PUSHed to the recipient
 * registered for its serviceId (and routeId) — or, for a chain message going back to its requester, to
 * the requester's {@code async-url} — through {@link ProviderClient#push}.
 *
 * <p>PULL: the message is put into the inbox (that database commit comes before the JMS session's, and a
 * redelivered copy finds its row already there) and stays {@code ON_DELIVERY} until the recipient
 * acknowledges it with {@code sendDeliveryNotification}.
 *
 * <p>A final state ({@code DELIVERED}, {@code DELIVERY_STOPPED}) is notified to a sender with an
 * {@code async-url} ({@link SenderNotifier}).
 *
 * <p>PUSH success:
 * {@code DELIVERED} and the recipient's answer in the message log. Failure: the attempt and its reason
 * are recorded and the fault is thrown on, so the route's transacted JMS session rolls back and the
 * broker redelivers it later, or moves it to the dead-letter queue after the last attempt (Artemis owns
 * the retries and counts the attempts). The failure of that last attempt, by the broker's own count
 * ({@code JMSXDeliveryCount}), makes the state {@code DELIVERY_STOPPED}; the message stays in
 * {@code qaqpa.async.dlq}, unconsumed, for an operator to redeliver.
 *
 * <p>A message already {@code DELIVERED} (or {@code NOT_DELIVERED} by a PULL recipient) is acknowledged
 * without a call: that is a redelivery of a message whose acknowledgement a crash interrupted after the
 * recipient had it.
 *
 * <p>Across gateway nodes (docs/regional.md): a message for a {@code node: true} provider, or on a regional
 * node for a service not served there, is passed on to that node's {@code IAsyncChannel.sendMessage}
 * ({@link AsyncDestination.Forward}), signed in as this node and naming the original sender; a chain message
 * for a requester that is a node goes to the node's {@code async-url} like any PUSH. Either way the node's
 * acceptance is not delivery: the state stays {@code ON_DELIVERY}, marked as passed on, until the node notifies
 * the final state ({@link NodeStatusProcessor}). A node that answers {@code DUPLICATE_MESSAGE} had accepted the
 * message before (a crash here came between its answer and this commit): that counts as accepted.
 */
public final class AsyncDeliveryProcessor implements Processor {

    private final GatewayMetrics metrics;
    private final ProviderClient client;
    private final AsyncDestinations destinations;
    private final DeliveryStateStore states;
    private final AsyncInbox inbox;
    private final SenderNotifier notifier;
    private final ExchangeLog log;
    private final SecureDocuments documents;
    private final Supplier<URI> gatewayBase;
    private final ToIntFunction<String> maxDeliveryAttempts;
    private final NodeLogin nodeLogin;
    private final ServiceSla sla;

    /** The message-log status of a message another gateway node accepted from this one. */
    static final String FORWARDED = "FORWARDED";

    /** States after which a redelivered copy is only acknowledged: the recipient already decided. */
    private static final Set<MessageState> DONE = EnumSet.of(MessageState.DELIVERED, MessageState.NOT_DELIVERED);

    /**
     * @param gatewayBase         the base of recipients registered by path (served in-process, e.g. the sandbox)
     * @param maxDeliveryAttempts the broker's {@code max-delivery-attempts} of a delivery queue, by queue name
     * @param federation          the upstream's async channel (on a regional node) and this gateway's login at nodes
     * @param metrics             counts each call of a recipient or node (provider-call latency)
     * @param sla                 counts a delivery later than its service's {@code sla} after the acceptance
     */
    public AsyncDeliveryProcessor(ProviderClient client, ServiceRegistry services, MemberRegistry members,
                                  DeliveryStateStore states, AsyncInbox inbox, SenderNotifier notifier, MessageLog log,
                                  XmlLimits limits, Supplier<URI> gatewayBase, ToIntFunction<String> maxDeliveryAttempts,
                                  Federation federation, GatewayMetrics metrics, ServiceSla sla) {
        this.client = client;
        this.metrics = metrics;
        this.destinations = new AsyncDestinations(services, members, federation.asyncUpstream());
        this.nodeLogin = federation.login();
        this.states = states;
        this.inbox = inbox;
        this.notifier = notifier;
        this.log = new ExchangeLog(log);
        this.documents = new SecureDocuments(limits);
        this.gatewayBase = gatewayBase;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.sla = sla;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ExchangeLog.CHANNEL, LogEntry.Channel.ASYNC);
        AcceptedMessage message = AsyncAcceptProcessor.QueuedHeaders.accepted(exchange.getIn());
        // the delivery's log lines carry the ids of the message, as the request's did
        LogContext.session(message.sessionId());
        LogContext.message(null, message.messageId());
        try {
            deliver(exchange, message);
        } finally {
            LogContext.clear();
        }
    }

    private void deliver(Exchange exchange, AcceptedMessage message) {
        Optional<DeliveryStatus> status = states.status(message.senderId(), message.messageId());
        if (status.map(DeliveryStatus::state).filter(DONE::contains).isPresent()
                || status.flatMap(DeliveryStatus::forwardedTo).isPresent()) {
            return;
        }
        byte[] queued = exchange.getIn().getBody(byte[].class);
        AsyncDestination destination;
        try {
            destination = destinations.of(message);
        } catch (QaqpaFault fault) {
            failed(exchange, message, fault, null);
            throw fault;
        }
        if (destination instanceof AsyncDestination.Pull pull) {
            inbox.put(message, pull.memberId(), status.map(DeliveryStatus::acceptedAt), queued);
        } else if (destination instanceof AsyncDestination.Forward forward) {
            Relay relay = Relay.toNode(nodeLogin, Optional.ofNullable(exchange.getIn().getHeader(Headers.ORIGINAL_SENDER_ID,
                    String.class)), message.senderId());
            call(exchange, message, forward.node(), (node, url, body) -> client.forward(node, url, body, relay), queued);
        } else {
            call(exchange, message, ((AsyncDestination.Push) destination).recipient(), client::push, queued);
        }
        if (!(destination instanceof AsyncDestination.Pull)) {
            // reached only when the call was accepted (a failure throws): delivered, or passed on to the next node
            status.map(DeliveryStatus::acceptedAt).ifPresent(acceptedAt -> sla.delivered(message.serviceId(), acceptedAt));
        }
    }

    /** One call of a recipient or node; the outcome recorded in the state store and the message log. */
    private void call(Exchange exchange, AcceptedMessage message, Provider recipient, Call call, byte[] queued) {
        ProviderAnswer answer;
        long t0 = System.nanoTime();
        try {
            answer = call.to(recipient, recipient.url().resolve(gatewayBase.get()),
                    documents.parse(new ByteArrayInputStream(queued)).getDocumentElement());
            metrics.providerCall(message.serviceId(), null, System.nanoTime() - t0);
        } catch (ProviderCallFailure failure) {
            metrics.providerCall(message.serviceId(), failure.fault().code().name(), System.nanoTime() - t0);
            if (recipient.node() && acceptedBefore(failure.fault())) {
                forwarded(exchange, message, recipient, failure.answer());
                return;
            }
            failed(exchange, message, failure.fault(), failure.answer());
            throw failure.fault();
        } catch (QaqpaFault fault) {
            failed(exchange, message, fault, null);
            throw fault;
        }
        // The log row first: a crash between the two then delivers the message again (the recipient dedupes
        // by messageId, and the log may hold two DELIVERED rows), never leaves a DELIVERED state without its row.
        if (recipient.node()) {
            forwarded(exchange, message, recipient, answer.bytes());
            return;
        }
        log.record(exchange, LogEntry.Kind.RESPONSE, MessageState.DELIVERED.name(), null, answer.bytes());
        states.delivered(message);
        notifier.stateChanged(message);
    }

    /** The node accepted the message: logged with its answer and marked passed on, still {@code ON_DELIVERY}. */
    private void forwarded(Exchange exchange, AcceptedMessage message, Provider node, byte[] answer) {
        log.record(exchange, LogEntry.Kind.RESPONSE, FORWARDED, null, answer);
        states.forwarded(message, node.url().configured());
    }

    /** A node's refusal of a messageId it has already accepted from this gateway. */
    private static boolean acceptedBefore(QaqpaFault fault) {
        return fault.subError().map(SubError::errorCode).filter(ErrorCode.DUPLICATE_MESSAGE.name()::equals).isPresent();
    }

    @FunctionalInterface
    private interface Call {
        ProviderAnswer to(Provider recipient, URI url, Element queued);
    }

    private void failed(Exchange exchange, AcceptedMessage message, QaqpaFault fault, byte[] answer) {
        String reason = fault.code() + ": " + fault.getMessage();
        if (deliveryCount(exchange) >= maxDeliveryAttempts.applyAsInt(queue(exchange))) {
            states.stopped(message, reason);
            log.record(exchange, LogEntry.Kind.FAULT, MessageState.DELIVERY_STOPPED.name(), fault.code().name(), answer);
            notifier.stateChanged(message);
        } else {
            states.attemptFailed(message, reason);
            log.record(exchange, LogEntry.Kind.FAULT, "NOT_DELIVERED", fault.code().name(), answer);
        }
    }

    /** The queue the message was consumed from: its retry settings are that queue's (DeliveryQueues). */
    private static String queue(Exchange exchange) {
        JmsMessage jms = exchange.getIn(JmsMessage.class);
        try {
            return jms != null && jms.getJmsMessage() != null && jms.getJmsMessage().getJMSDestination() instanceof Queue queue
                    ? queue.getQueueName() : DeliveryQueue.DELIVERY;
        } catch (JMSException e) {
            return DeliveryQueue.DELIVERY;
        }
    }

    /** This attempt's number, as the broker counts it (1 for the first delivery). */
    private static int deliveryCount(Exchange exchange) {
        JmsMessage jms = exchange.getIn(JmsMessage.class);
        try {
            return jms == null || jms.getJmsMessage() == null ? 1 : jms.getJmsMessage().getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            return 1;
        }
    }
}
