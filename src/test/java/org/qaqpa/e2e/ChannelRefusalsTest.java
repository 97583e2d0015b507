package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.Envelopes.bytes;
import static org.qaqpa.e2e.Envelopes.sendMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;

/**
 * Each refusal of the sync and async channels over HTTP: HTTP 500, the exact {@code errorCode},
 * inside the fault element of the operation that was called.
 */
@ExtendWith(SharedGateway.class)
class ChannelRefusalsTest {

    private static final String SYNC_FAULT = "{http://bip.bee.kz/SyncChannel/v10/Types}SendMessageFault1_SendMessageFault";
    private static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";

    @Test
    void refusesUnknownSyncService() throws Exception {
        SoapResponse response = sync(sendMessage("NO_SUCH_SERVICE", "hello"));
        assertFault(response, ErrorCode.SERVICE_NOT_FOUND, SYNC_FAULT);
        assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
    }

    @Test
    void refusesQualifiedRequestElement() throws Exception {
        String qualified = sendMessage("X", "hello").replace("<request>", "<ns2:request>").replace("</request>", "</ns2:request>");
        assertFault(sync(qualified), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesSessionIdWithoutBraces() throws Exception {
        String unbraced = sendMessage("X", "hello").replace("</sender>",
                "</sender><sessionId>3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d</sessionId>");
        assertFault(sync(unbraced), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesUnknownOperationElement() throws Exception {
        String unknown = sendMessage("X", "hello").replace("ns2:SendMessage", "ns2:DeleteEverything");
        assertFault(sync(unknown), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesTwoOperationElementsInOneBody() throws Exception {
        String twice = sendMessage("X", "hello").replaceFirst("(?s)(<ns2:SendMessage.*</ns2:SendMessage>)", "$1$1");
        assertFault(sync(twice), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesEmptyBody() throws Exception {
        String empty = "<soapenv:Envelope xmlns:soapenv=\"" + Envelopes.SOAP_NS + "\"><soapenv:Body/></soapenv:Envelope>";
        assertFault(sync(empty), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesTextAfterOperationElement() throws Exception {
        String trailing = sendMessage("X", "hello").replace("</ns2:SendMessage>", "</ns2:SendMessage>smuggled text");
        assertFault(sync(trailing), ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesGetWithoutWsdlQuery() throws Exception {
        var response = SharedGateway.gateway().get("/bip-sync/");
        assertFault(new SoapResponse(response.statusCode(), response.body(), response.headers().map()),
                ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesUnknownSchemaDocument() throws Exception {
        var response = SharedGateway.gateway().get("/bip-sync/?xsd=../../../../etc/passwd");
        assertFault(new SoapResponse(response.statusCode(), response.body(), response.headers().map()),
                ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void refusesUnsupportedCharset() throws Exception {
        SoapResponse response = SharedGateway.gateway().postWithHeaders("/bip-sync/", signed(sendMessage("X", "hello")),
                "Content-Type", "text/xml; charset=no-such-charset");
        assertFault(response, ErrorCode.MESSAGE_INVALID, SYNC_FAULT);
    }

    @Test
    void callerHeadersNeitherSteerRoutingNorComeBack() throws Exception {
        SoapResponse response = SharedGateway.gateway().postWithHeaders("/bip-sync/", signed(sendMessage("NO_SUCH_SERVICE", "x")),
                "Content-Type", "text/xml; charset=utf-8",
                "operationName", "DeleteEverything",
                "QaqpaProviderEndpoint", "log:pwned",
                "X-Probe", "echo-me");
        assertFault(response, ErrorCode.SERVICE_NOT_FOUND, SYNC_FAULT);
        assertThat(response.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Probe")
                || name.toLowerCase().startsWith("qaqpa") || name.equalsIgnoreCase("operationName"));
    }

    @Test
    void answersInUtf8WhateverTheRequestDeclared() throws Exception {
        SoapResponse response = SharedGateway.gateway().postWithHeaders("/bip-sync/", signed(sendMessage("ҚҰЖАТ", "x")),
                "Content-Type", "text/xml");
        assertFault(response, ErrorCode.SERVICE_NOT_FOUND, SYNC_FAULT);
        assertThat(response.headers().get("content-type")).singleElement().asString().containsIgnoringCase("charset=utf-8");
        assertThat(response.detailText("errorMessage")).contains("ҚҰЖАТ");
    }

    @Test
    void escapesControlCharactersEchoedFromTheRequest() throws Exception {
        SoapResponse response = sync(sendMessage("X&#10;[INFO] forged log line" + "y".repeat(500), "hello"));
        assertFault(response, ErrorCode.SERVICE_NOT_FOUND, SYNC_FAULT);
        assertThat(response.detailText("errorMessage")).contains("X\\n[INFO] forged").doesNotContain("\n").hasSizeLessThan(150);
    }

    @Test
    void refusesUnknownAsyncService() throws Exception {
        String request = asyncEnvelope("sendMessage", """
                <request>
                  <messageInfo>
                    <serviceId>NO_SUCH_SERVICE</serviceId>
                    <messageType>REQUEST</messageType>
                    <messageDate>2026-11-23T10:00:00+05:00</messageDate>
                    <sender><senderId>dev-client</senderId><password>changeit</password></sender>
                  </messageInfo>
                  <messageData><data>hello</data></messageData>
                </request>""");
        assertFault(async(request), ErrorCode.SERVICE_NOT_FOUND, "{" + ASYNC_TYPES + "}sendMessageFault1_sendMessageFault");
    }

    @Test
    void refusesGetMessagesForUnknownService() throws Exception {
        String request = asyncEnvelope("getMessages", "<request><serviceId>NO_SUCH_SERVICE</serviceId>"
                + "<sender><senderId>dev-client</senderId><password>changeit</password></sender></request>");
        assertFault(async(request), ErrorCode.SERVICE_NOT_FOUND, "{" + ASYNC_TYPES + "}getMessagesFault1_getMessagesFault");
    }

    @Test
    void refusesStatusOfUnknownMessage() throws Exception {
        String request = asyncEnvelope("getMessageStatus", """
                <request>
                  <messageId>never-sent</messageId>
                  <requestDate>2026-11-23T10:00:00+05:00</requestDate>
                  <sender><senderId>dev-client</senderId><password>changeit</password></sender>
                </request>""");
        assertFault(async(request), ErrorCode.MESSAGE_NOT_FOUND,
                "{" + ASYNC_TYPES + "}getMessageStatusFault1_getMessageStatusFault");
    }

    @Test
    void refusesDeliveryNotificationForUnknownMessage() throws Exception {
        String request = asyncEnvelope("sendDeliveryNotification", """
                <request>
                  <notification>
                    <messageId>never-sent</messageId>
                    <serviceId>ANY</serviceId>
                    <notificationDate>2026-11-23T10:00:00+05:00</notificationDate>
                    <deliveryStatus>
                      <receiveStatus>MESSAGE_ACCEPTED</receiveStatus>
                      <statusDate>2026-11-23T10:00:00+05:00</statusDate>
                      <resendMessage>NOT_RESEND</resendMessage>
                    </deliveryStatus>
                  </notification>
                  <requestDate>2026-11-23T10:00:00+05:00</requestDate>
                  <sender><senderId>dev-client</senderId><password>changeit</password></sender>
                </request>""");
        assertFault(async(request), ErrorCode.MESSAGE_NOT_FOUND,
                "{" + ASYNC_TYPES + "}sendDeliveryNotificationFault1_sendDeliveryNotificationFault");
    }

    @Test
    void refusesSchemaInvalidAsyncRequest() throws Exception {
        String request = asyncEnvelope("getMessages", "<request><amount>many</amount></request>");
        assertFault(async(request), ErrorCode.MESSAGE_INVALID, "{" + ASYNC_TYPES + "}getMessagesFault1_getMessagesFault");
    }

    private static SoapResponse sync(String envelope) throws Exception {
        return SharedGateway.gateway().postSigned("/bip-sync/", envelope);
    }

    private static SoapResponse async(String envelope) throws Exception {
        return SharedGateway.gateway().postSigned("/bip-async/", envelope);
    }

    private static byte[] signed(String envelope) {
        return bytes(TestGateway.sign(envelope, SharedGateway.gateway().pki().legalEntity()));
    }

    private static String asyncEnvelope(String operation, String content) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + Envelopes.SOAP_NS + "\"><soapenv:Body>"
                + "<ns3:" + operation + " xmlns:ns3=\"" + ASYNC_TYPES + "\">" + content + "</ns3:" + operation + ">"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static void assertFault(SoapResponse response, ErrorCode code, String faultElement) {
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errorCode()).isEqualTo(code.name());
        assertThat(response.detailElement()).isEqualTo(faultElement);
        assertThat(response.detailText("errorMessage")).isNotBlank();
        assertThat(response.detailText("errorDate")).isNotBlank();
        assertThat(response.detailText("sessionId")).matches("\\{[0-9a-f-]{36}}");
        assertThat(response.body()).doesNotContain("Exception", "at org.", "java.");
    }
}
