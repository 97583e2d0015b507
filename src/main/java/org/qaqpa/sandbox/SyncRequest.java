package org.qaqpa.sandbox;

import static org.qaqpa.sandbox.SyncMessages.child;
import static org.qaqpa.sandbox.SyncMessages.text;

import java.util.Optional;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The parts of a sync {@code SendMessage} a provider answers from: its messageId (the answer's
 * correlationId), the gateway's sessionId, and the {@code data} element (absent when the request
 * carries none, which the schema allows).
 */
record SyncRequest(String messageId, Optional<String> sessionId, Optional<Element> data) {

    /** @throws QaqpaFault {@code MESSAGE_INVALID} if the envelope holds no SendMessage with a messageId */
    static SyncRequest read(Document envelope) {
        Element content = SyncMessages.bodyContent(envelope);
        if (content == null || !SyncMessages.SYNC_TYPES.equals(content.getNamespaceURI())
                || !"SendMessage".equals(content.getLocalName())) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SOAP Body holds no sync SendMessage.");
        }
        Element request = child(content, "request");
        String messageId = text(request, "requestInfo", "messageId");
        if (messageId == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SendMessage has no request/requestInfo/messageId.");
        }
        return new SyncRequest(messageId, Optional.ofNullable(text(request, "requestInfo", "sessionId")),
                Optional.ofNullable(child(child(request, "requestData"), "data")));
    }
}
