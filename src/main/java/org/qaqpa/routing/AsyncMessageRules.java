package org.qaqpa.routing;

import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceMode;
import org.qaqpa.server.LogContext;

/**
 * Route step of the async {@code sendMessage}, after the service is known: the service must be an
 * async one, and the {@code correlationId} must fit the {@code messageType} (shep-contract.md §1.3):
 * a {@code REQUEST} starts a chain and carries none, a {@code NOTIFICATION}, {@code UPDATE} or
 * {@code RESPONSE} belongs to one and must name it ({@code MESSAGE_INVALID} otherwise, also for an
 * unknown messageType). A message without {@code messageId} gets one here, as SHEP assigns it; the
 * replay check after this step then records the assigned id like any other (docs/async.md).
 *
 * <p>A chain message that answers another member's REQUEST goes back to that member
 * ({@link AsyncChains}; {@link Headers#REQUESTER_ID}).
 *
 * <p>A PULL service's {@code recipient} must be a registered member: the two registry files are
 * reloaded separately, so this is checked here, at use, and a message nobody could fetch is not
 * accepted ({@code SERVICE_NOT_FOUND}).
 */
public final class AsyncMessageRules implements Processor {

    static final String REQUEST = "REQUEST";
    /** The messageTypes that belong to a chain a REQUEST started. */
    static final Set<String> IN_A_CHAIN = Set.of("NOTIFICATION", "UPDATE", "RESPONSE");

    private final MemberRegistry members;
    private final AsyncChains chains;

    public AsyncMessageRules(MemberRegistry members, DeliveryStateStore states) {
        this.members = members;
        this.chains = new AsyncChains(states);
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Service service = exchange.getProperty(ServiceRouteProcessor.SERVICE, Service.class);
        if (service.mode() != ServiceMode.ASYNC) {
            throw new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "The service '" + PrintableText.of(service.serviceId())
                    + "' is a sync service; call it on the sync channel (/bip-sync/).");
        }
        if (service.delivery() == AsyncDelivery.PULL && members.find(service.recipient().orElseThrow()).isEmpty()) {
            throw new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "The recipient of serviceId '" + PrintableText.of(service.serviceId())
                    + "' is not a registered member; nobody could fetch the message.");
        }
        String type = in.getHeader(Headers.MESSAGE_TYPE, String.class);
        String correlationId = blankToNull(in.getHeader(Headers.CORRELATION_ID, String.class));
        if (REQUEST.equals(type)) {
            if (correlationId != null) {
                throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "A REQUEST starts a new chain and must not carry a"
                        + " correlationId (got '" + PrintableText.of(correlationId) + "').");
            }
        } else if (IN_A_CHAIN.contains(type)) {
            if (correlationId == null) {
                throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "A " + type + " must carry the correlationId of the"
                        + " chain it belongs to.");
            }
        } else {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "Unknown messageType '" + PrintableText.of(type)
                    + "'; expected REQUEST, NOTIFICATION, UPDATE or RESPONSE.");
        }
        in.setHeader(Headers.CORRELATION_ID, correlationId);
        if (correlationId != null) {
            Member sender = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
            in.setHeader(Headers.REQUESTER_ID, chains.requester(service, sender.senderId(), correlationId).orElse(null));
        }
        if (blankToNull(in.getHeader(Headers.MESSAGE_ID, String.class)) == null) {
            in.setHeader(Headers.MESSAGE_ID, UUID.randomUUID().toString());
            LogContext.message(RequestContextProcessor.cxfExchange(exchange), in.getHeader(Headers.MESSAGE_ID, String.class));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
