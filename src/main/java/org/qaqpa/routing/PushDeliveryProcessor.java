package org.qaqpa.routing;

import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.async.MessageState;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ServiceRegistry;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;

/**
 * The step of the delivery route (routes/async-delivery.yaml) that PUSHes one queued message to the
 * recipient registered for its serviceId (and routeId), through {@link ProviderClient#push}. Success:
 * {@code DELIVERED} and the recipient's answer in the message log. Failure: the attempt and its reason
 * are recorded and the fault is thrown on, so the route's transacted JMS session rolls back and the
 * broker redelivers it later, or moves it to the dead-letter queue after the last attempt (Artemis owns
 * the retries and counts the attempts). The failure of that last attempt, by the broker's own count
 * ({@code JMSXDeliveryCount}), makes the state {@code DELIVERY_STOPPED}; the message stays in
 * {@code qaqpa.async.dlq}, unconsumed, for an operator to redeliver.
 *
 * <p>A message already {@code DELIVERED} is acknowledged without a call: that is a redelivery of a
 * message whose acknowledgement a crash interrupted after the recipient had it.
 */
public final class PushDeliveryProcessor implements Processor {

    private final ProviderClient client;
    private final ServiceRegistry services;
    private final DeliveryStateStore states;
    private final ExchangeLog log;
    private final SecureDocuments documents;
    private final Supplier<URI> gatewayBase;
    private final ToIntFunction<String> maxDeliveryAttempts;

    /**
     * @param gatewayBase         the base of recipients registered by path (served in-process, e.g. the sandbox)
     * @param maxDeliveryAttempts the broker's {@code max-delivery-attempts} of a delivery queue, by queue name
     */
    public PushDeliveryProcessor(ProviderClient client, ServiceRegistry services, DeliveryStateStore states,
                                 MessageLog log, XmlLimits limits, Supplier<URI> gatewayBase,
                                 ToIntFunction<String> maxDeliveryAttempts) {
        this.client = client;
        this.services = services;
        this.states = states;
        this.log = new ExchangeLog(log);
        this.documents = new SecureDocuments(limits);
        this.gatewayBase = gatewayBase;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ExchangeLog.CHANNEL, LogEntry.Channel.ASYNC);
        AcceptedMessage message = AsyncAcceptProcessor.QueuedHeaders.accepted(exchange.getIn());
        if (states.status(message.senderId(), message.messageId()).map(DeliveryStatus::state)
                .filter(MessageState.DELIVERED::equals).isPresent()) {
            return;
        }
        ProviderAnswer answer;
        try {
            Provider recipient = recipient(message);
            byte[] queued = exchange.getIn().getBody(byte[].class);
            answer = client.push(recipient, recipient.url().resolve(gatewayBase.get()),
                    documents.parse(new ByteArrayInputStream(queued)).getDocumentElement());
        } catch (ProviderCallFailure failure) {
            failed(exchange, message, failure.fault(), failure.answer());
            throw failure.fault();
        } catch (QaqpaFault fault) {
            failed(exchange, message, fault, null);
            throw fault;
        }
        states.delivered(message);
        log.record(exchange, LogEntry.Kind.RESPONSE, MessageState.DELIVERED.name(), null, answer.bytes());
    }

    private Provider recipient(AcceptedMessage message) {
        return services.find(message.serviceId()).flatMap(service -> service.provider(message.routeId()))
                .orElseThrow(() -> new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No recipient is registered any more for"
                        + " serviceId '" + PrintableText.of(message.serviceId()) + "' and routeId '"
                        + PrintableText.of(message.routeId()) + "'."));
    }

    private void failed(Exchange exchange, AcceptedMessage message, QaqpaFault fault, byte[] answer) {
        String reason = fault.code() + ": " + fault.getMessage();
        if (deliveryCount(exchange) >= maxDeliveryAttempts.applyAsInt(queue(exchange))) {
            states.stopped(message, reason);
            log.record(exchange, LogEntry.Kind.FAULT, MessageState.DELIVERY_STOPPED.name(), fault.code().name(), answer);
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
