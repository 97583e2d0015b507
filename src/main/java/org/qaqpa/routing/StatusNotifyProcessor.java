package org.qaqpa.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
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
 */
public final class StatusNotifyProcessor implements Processor {

    private final ProviderClient client;
    private final MemberRegistry members;
    private final Supplier<URI> gatewayBase;
    private final AsyncAnswers answers;

    /** @param gatewayBase the base of endpoints registered by path (served in-process, e.g. the sandbox) */
    public StatusNotifyProcessor(ProviderClient client, MemberRegistry members, Supplier<URI> gatewayBase, Clock clock) {
        this.client = client;
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
        try {
            client.notifyStatus(sender.get(), sender.get().url().resolve(gatewayBase.get()), answers.statusNotification(
                    in.getHeader(SenderNotifier.NOTIFICATION_ID, String.class), in.getHeader(Headers.MESSAGE_ID, String.class),
                    in.getHeader(SenderNotifier.STATE, String.class), in.getHeader(SenderNotifier.STATUS_MESSAGE, String.class),
                    Instant.parse(in.getHeader(SenderNotifier.STATUS_DATE, String.class))));
        } catch (ProviderCallFailure failure) {
            throw failure.fault();
        }
    }
}
