package org.qaqpa.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.Provider;

/**
 * The step of the notification route (routes/async-notify.yaml): sends one queued status notification
 * ({@link SenderNotifier}) to the sender's {@code IAsyncChannelClient.changeMassageStatusNotification} at its
 * {@code async-url}, signed with the gateway key, the answer checked against the member's own
 * certificates. A failure throws, so the JMS session rolls back and the broker retries it later (by the
 * address settings of {@code qaqpa.async.notify}; after the last attempt it stays in
 * {@code qaqpa.async.notify.dlq}). A sender that no longer has an async-url is not notified.
 *
 * <p>Each attempt goes into the message log under the message's sessionId: the sender's answer as a
 * {@code RESPONSE} row with status {@value #NOTIFIED}, or a {@code FAULT} row {@value #NOT_NOTIFIED} with the
 * failure's errorCode and whatever the sender answered.
 */
public final class StatusNotifyProcessor implements Processor {

    static final String NOTIFIED = "NOTIFIED";
    static final String NOT_NOTIFIED = "NOT_NOTIFIED";

    private final ProviderClient client;
    private final ExchangeLog log;
    private final MemberRegistry members;
    private final Supplier<URI> gatewayBase;
    private final AsyncAnswers answers;

    /** @param gatewayBase the base of endpoints registered by path (served in-process, e.g. the sandbox) */
    public StatusNotifyProcessor(ProviderClient client, MemberRegistry members, MessageLog log, Supplier<URI> gatewayBase,
                                 Clock clock) {
        this.client = client;
        this.log = new ExchangeLog(log);
        this.members = members;
        this.gatewayBase = gatewayBase;
        this.answers = new AsyncAnswers(clock);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Optional<Provider> sender = members.find(in.getHeader(Headers.SENDER_ID, String.class)).flatMap(Member::asyncEndpoint);
        if (sender.isEmpty()) {
            return;
        }
        exchange.setProperty(ExchangeLog.CHANNEL, LogEntry.Channel.ASYNC);
        if (in.getHeader(Headers.SESSION_ID) == null) {
            // Queued by a gateway that did not carry the sessionId yet: logged under a session of its own.
            in.setHeader(Headers.SESSION_ID, "{" + in.getHeader(SenderNotifier.NOTIFICATION_ID, String.class) + "}");
        }
        ProviderAnswer answer;
        try {
            answer = client.notifyStatus(sender.get(), sender.get().url().resolve(gatewayBase.get()), answers.statusNotification(
                    in.getHeader(SenderNotifier.NOTIFICATION_ID, String.class), in.getHeader(Headers.MESSAGE_ID, String.class),
                    in.getHeader(SenderNotifier.STATE, String.class), in.getHeader(SenderNotifier.STATUS_MESSAGE, String.class),
                    Instant.parse(in.getHeader(SenderNotifier.STATUS_DATE, String.class))));
        } catch (ProviderCallFailure failure) {
            log.record(exchange, LogEntry.Kind.FAULT, NOT_NOTIFIED, failure.fault().code().name(), failure.answer());
            throw failure.fault();
        } catch (QaqpaFault fault) {
            log.record(exchange, LogEntry.Kind.FAULT, NOT_NOTIFIED, fault.code().name(), null);
            throw fault;
        }
        log.record(exchange, LogEntry.Kind.RESPONSE, NOTIFIED, null, answer.bytes());
    }
}
