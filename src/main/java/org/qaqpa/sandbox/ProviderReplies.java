package org.qaqpa.sandbox;

import static org.qaqpa.sandbox.SyncMessages.append;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.qaqpa.xml.SpooledXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The two answers a sync provider gives (shep-contract.md §1.1, §1.2): {@code SendMessageResponse}
 * echoing the request's data, and the SOAP 1.1 fault with {@code ErrorInfo} in
 * {@code SendMessageFault1_SendMessageFault}; both unsigned, the servlet signs or misbehaves.
 */
final class ProviderReplies {

    static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private ProviderReplies() {
    }

    /**
     * The answer to {@code request}: a new messageId, correlationId = the request's messageId, status
     * {@code Success} with {@code statusMessage}, the request's sessionId, and its {@code data} copied as is.
     */
    static Document answer(SyncRequest request, String statusMessage, Clock clock) {
        Element responseData = emptyAnswer(request, statusMessage, clock);
        request.data().ifPresent(data -> responseData.appendChild(
                SyncMessages.importWithNamespaces(responseData.getOwnerDocument(), data)));
        return responseData.getOwnerDocument();
    }

    /** As {@link #answer(SyncRequest, String, Clock)}, with {@code payload}'s root as the one element of a new {@code data}. */
    static Document answer(SyncRequest request, String statusMessage, Document payload, Clock clock) {
        Element responseData = emptyAnswer(request, statusMessage, clock);
        append(responseData, "data", null).appendChild(
                SyncMessages.importWithNamespaces(responseData.getOwnerDocument(), payload.getDocumentElement()));
        return responseData.getOwnerDocument();
    }

    /** The answer's envelope up to an empty {@code responseData}, which is returned. */
    private static Element emptyAnswer(SyncRequest request, String statusMessage, Clock clock) {
        Element body = SyncMessages.newEnvelope();
        Element response = append(SyncMessages.appendTypesElement(body, "SendMessageResponse"), "response", null);
        Element info = append(response, "responseInfo", null);
        append(info, "messageId", UUID.randomUUID().toString());
        append(info, "correlationId", request.messageId());
        append(info, "responseDate", SyncMessages.now(clock));
        Element status = append(info, "status", null);
        append(status, "code", "Success");
        append(status, "message", statusMessage);
        request.sessionId().ifPresent(sessionId -> append(info, "sessionId", sessionId));
        return append(response, "responseData", null);
    }

    /** A fault; {@code client} decides the faultcode ({@code Client} when the request is to blame, else {@code Server}). */
    static Document fault(boolean client, String errorCode, String errorMessage, Optional<String> sessionId, Clock clock) {
        Element body = SyncMessages.newEnvelope();
        Element fault = body.getOwnerDocument().createElementNS(SyncMessages.SOAP, "soapenv:Fault");
        body.appendChild(fault);
        append(fault, "faultcode", client ? "soapenv:Client" : "soapenv:Server");
        append(fault, "faultstring", errorMessage);
        Element info = SyncMessages.appendTypesElement(append(fault, "detail", null), "SendMessageFault1_SendMessageFault");
        append(info, "errorCode", errorCode);
        append(info, "errorMessage", errorMessage);
        append(info, "errorDate", SyncMessages.now(clock));
        sessionId.ifPresent(id -> append(info, "sessionId", id));
        return body.getOwnerDocument();
    }

    /** Writes the envelope as {@code text/xml; charset=utf-8} with {@code status} (200 answer, 500 fault). */
    static void send(HttpServletResponse response, int status, Document envelope) throws IOException {
        try (SpooledXml bytes = SpooledXml.of(envelope)) {
            response.setStatus(status);
            response.setContentType(CONTENT_TYPE);
            response.setContentLengthLong(bytes.size());
            bytes.writeTo(response.getOutputStream());
        }
    }
}
