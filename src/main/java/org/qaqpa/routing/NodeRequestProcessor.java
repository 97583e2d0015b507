package org.qaqpa.routing;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.qaqpa.registry.Member;
import org.qaqpa.server.SessionIds;
import org.w3c.dom.Element;

/**
 * Route step after member authentication (sync {@code SendMessage}, async {@code sendMessage}, and the messages
 * nodes pass back on {@code /bip-async-client/}): a request from another gateway node (a member with
 * {@code node: true}) is one exchange that started there. Its {@code sessionId}, set by the first gateway,
 * becomes this exchange's too (log rows, answer, faults), so {@code qaqpa log show --session} finds the
 * exchange on every node; the original sender it names ({@link OriginalSender}) goes into
 * {@link Headers#ORIGINAL_SENDER_ID}. Requests of other members keep the sessionId this gateway gave them and
 * vouch for nobody.
 */
public final class NodeRequestProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Member member = exchange.getProperty(MemberAuthProcessor.MEMBER, Member.class);
        if (member == null || !member.node()) {
            return;
        }
        SyncMessageInfo info = exchange.getProperty(SyncRequestReader.REQUEST_INFO, SyncMessageInfo.class);
        if (info != null) {
            takeOver(exchange, OriginalSender.of(info), info.getSessionId());
            return;
        }
        Element messageInfo = AsyncRequestReader.child(AsyncRequestReader.child(OperationPayload.of(exchange), "request"),
                "messageInfo");
        if (messageInfo != null) {
            Element sessionId = AsyncRequestReader.child(messageInfo, "sessionId");
            takeOver(exchange, OriginalSender.of(messageInfo), sessionId == null ? null : sessionId.getTextContent().strip());
        }
    }

    private static void takeOver(Exchange exchange, Optional<String> originalSender, String sessionId) {
        originalSender.ifPresent(original -> exchange.getIn().setHeader(Headers.ORIGINAL_SENDER_ID, original));
        if (sessionId != null && !sessionId.isBlank()) {
            // the schema has checked its {uuid} form
            exchange.getIn().setHeader(Headers.SESSION_ID, sessionId);
            Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
            if (cxfMessage != null) {
                cxfMessage.getExchange().put(SessionIds.EXCHANGE_KEY, sessionId);
            }
        }
    }
}
