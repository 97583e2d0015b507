package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Member;

/**
 * Route step of {@code IAsyncChannelClient.sendMessage} on {@code /bip-async-client/}, after {@link NodeAuthProcessor}:
 * another gateway node passes back a chain message ({@code NOTIFICATION}, {@code UPDATE}, {@code RESPONSE}) that
 * answers a {@code REQUEST} this gateway passed on to it. It goes back to that REQUEST's sender
 * ({@link Headers#REQUESTER_ID}), as SHEP delivers answers to the requester; the message is this gateway's under the
 * node as sender ({@link Headers#SENDER_ID}, the key of its state row, so the node is told the final state) with the
 * member that wrote it as original sender. {@code MESSAGE_INVALID} for a REQUEST (those go to {@code /bip-async/},
 * where the node signs in) or a message without messageId; {@code MESSAGE_NOT_FOUND} when the correlationId names
 * no REQUEST of the service this gateway passed on. A message the node passes back again (its delivery was retried)
 * is answered again and not queued twice ({@link AsyncAcceptProcessor#ACCEPTED_BEFORE}).
 */
public final class NodeAnswerProcessor implements Processor {

    private final DeliveryStateStore states;

    public NodeAnswerProcessor(DeliveryStateStore states) {
        this.states = states;
    }

    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        Member node = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        String type = in.getHeader(Headers.MESSAGE_TYPE, String.class);
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        String correlationId = in.getHeader(Headers.CORRELATION_ID, String.class);
        String serviceId = in.getHeader(Headers.SERVICE_ID, String.class);
        if (!AsyncMessageRules.IN_A_CHAIN.contains(type) || isBlank(correlationId)) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "A gateway node passes back here only answers (NOTIFICATION,"
                    + " UPDATE, RESPONSE with the correlationId of a REQUEST passed on to it); got messageType '"
                    + PrintableText.of(type) + "'. REQUESTs go to /bip-async/.");
        }
        if (isBlank(messageId)) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "A message a gateway node passes back must carry the messageId"
                    + " it accepted it under.");
        }
        DeliveryStatus request = states.forwardedWith(correlationId).stream()
                .filter(s -> AsyncMessageRules.REQUEST.equals(s.messageType()) && s.serviceId().equals(serviceId)).findFirst()
                .orElseThrow(() -> new QaqpaFault(ErrorCode.MESSAGE_NOT_FOUND, "This gateway passed on no REQUEST of serviceId '"
                        + PrintableText.of(serviceId) + "' with messageId '" + PrintableText.of(correlationId) + "'."));
        if (in.getHeader(Headers.ORIGINAL_SENDER_ID) == null) {
            in.setHeader(Headers.ORIGINAL_SENDER_ID, in.getHeader(Headers.SENDER_ID, String.class));
        }
        in.setHeader(Headers.SENDER_ID, node.senderId());
        in.setHeader(Headers.REQUESTER_ID, request.senderId());
        if (states.status(node.senderId(), messageId).isPresent()) {
            exchange.setProperty(AsyncAcceptProcessor.ACCEPTED_BEFORE, true);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
