package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.qaqpa.server.SessionIds;

/** Route step: copies the session id the endpoint gave the request into the {@link Headers#SESSION_ID} header. */
public final class SessionIdProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        String sessionId = cxfMessage == null ? SessionIds.newSessionId() : SessionIds.of(cxfMessage.getExchange());
        exchange.getIn().setHeader(Headers.SESSION_ID, sessionId);
    }
}
