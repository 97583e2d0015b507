package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.e2e.TestGateway.SoapResponse;

/**
 * PUSH delivery end to end: a real gateway with its embedded broker, the sandbox recipient of
 * TEST_ASYNC_SERVICE_ID over real HTTP, and short redelivery delays (3 attempts, 200 ms doubling to 1 s)
 * so that retries and the dead-letter path finish quickly.
 */
class AsyncPushDeliveryTest {

    private static final int ATTEMPTS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig config = GatewayConfig.defaults()
                .withAsync(AsyncMessages.quickRetries(ATTEMPTS, 2));
        gateway = TestGateway.start(config, data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void deliversARequestWithStatesInOrder() throws Exception {
        SoapResponse accepted = send(AsyncMessages.sendMessage("REQUEST", null, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        String messageId = text(accepted, "messageId");
        assertThat(messageId).isNotBlank();
        assertThat(text(accepted, "correlationId")).as("a REQUEST starts its own chain").isEqualTo(messageId);
        assertThat(text(accepted, "sessionId")).matches("\\{[0-9a-f-]{36}}");

        List<String> seen = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            String state = state(messageId);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            return state.equals("DELIVERED");
        });
        assertThat(List.of("ON_DELIVERY", "DELIVERED")).as("states seen in order").containsSubsequence(seen);
        assertThat(recipient(messageId)).isEqualTo("attempts=1 taken=true");
    }

    @Test
    void deliversAfterTheRecipientComesBack() throws Exception {
        String messageId = text(send(AsyncMessages.failingFirst(ATTEMPTS - 1)), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=" + ATTEMPTS + " taken=true");
        assertThat(statusResponse(messageId).body()).contains("after " + ATTEMPTS + " attempt(s)");
    }

    @Test
    void stopsDeliveryAfterTheConfiguredAttempts() throws Exception {
        String messageId = text(send(AsyncMessages.failingFirst(1000)), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=" + ATTEMPTS + " taken=false");
        assertThat(statusResponse(messageId).body()).contains("Delivery stopped after " + ATTEMPTS + " attempt(s)");
    }

    @Test
    void refusesStatusOfAnotherMembersMessage() throws Exception {
        String messageId = text(send(AsyncMessages.sendMessage("REQUEST", null, "")), "messageId");
        SoapResponse asked = gateway.post("/bip-async/", Envelopes.bytes(TestGateway.sign(
                AsyncMessages.getMessageStatus(messageId, "dev-individual"), gateway.pki().individual())));
        assertThat(asked.status()).isEqualTo(500);
        assertThat(asked.errorCode()).isEqualTo(ErrorCode.SERVICE_NOT_ALLOWED.name());
        assertThat(logRows(asked.detailText("sessionId")))
                .extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::messageId, LoggedRow::status, LoggedRow::errorCode)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, "dev-individual", messageId, "ACCEPTED", null),
                        tuple(LogEntry.Kind.FAULT, "dev-individual", messageId, "REFUSED", "SERVICE_NOT_ALLOWED"));
    }

    @Test
    void refusesStatusOfUnknownMessage() throws Exception {
        SoapResponse refused = statusResponse("never-sent");
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());
        assertThat(logRows(refused.detailText("sessionId")))
                .extracting(LoggedRow::kind, LoggedRow::messageId, LoggedRow::status, LoggedRow::errorCode)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, "never-sent", "ACCEPTED", null),
                        tuple(LogEntry.Kind.FAULT, "never-sent", "REFUSED", "MESSAGE_NOT_FOUND"));
    }

    @Test
    void logsSendMessageAndTheAcknowledgementTheSenderGot() throws Exception {
        SoapResponse accepted = send(AsyncMessages.sendMessage("REQUEST", null, ""));
        String messageId = text(accepted, "messageId");
        String sessionId = text(accepted, "sessionId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));

        List<LoggedRow> rows = logRows(sessionId);
        assertThat(rows.subList(0, 2)).extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::messageId,
                LoggedRow::status).containsExactly(
                tuple(LogEntry.Kind.REQUEST, Envelopes.SENDER, messageId, "ACCEPTED"),
                tuple(LogEntry.Kind.RESPONSE, Envelopes.SENDER, messageId, "ANSWERED"));
        String logged = new String(gateway.gateway().messageLogReader().body(rows.get(1).id()).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(logged).as("the answer as the sender got it").contains("sendMessageResponse", messageId, sessionId);
    }

    @Test
    void logsStatusRequestAndItsAnswer() throws Exception {
        String messageId = text(send(AsyncMessages.sendMessage("REQUEST", null, "")), "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));

        SoapResponse answer = statusResponse(messageId);
        String sessionId = text(answer, "sessionId");
        List<LoggedRow> rows = logRows(sessionId);
        assertThat(rows).extracting(LoggedRow::kind, LoggedRow::channel, LoggedRow::senderId, LoggedRow::messageId,
                LoggedRow::status, LoggedRow::errorCode).containsExactly(
                tuple(LogEntry.Kind.REQUEST, LogEntry.Channel.ASYNC, Envelopes.SENDER, messageId, "ACCEPTED", null),
                tuple(LogEntry.Kind.RESPONSE, LogEntry.Channel.ASYNC, Envelopes.SENDER, messageId, "ANSWERED", null));
        String logged = new String(gateway.gateway().messageLogReader().body(rows.get(1).id()).orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(logged).as("the answer as the caller got it").contains("getMessageStatusResponse",
                ">DELIVERED<", sessionId);
    }

    @Test
    void logsStatusRequestOfAnUnknownSenderAsRefused() throws Exception {
        SoapResponse refused = gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus("any-message", "no-such-member"));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
        assertThat(logRows(refused.detailText("sessionId")))
                .extracting(LoggedRow::kind, LoggedRow::status, LoggedRow::errorCode)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, "REFUSED", "SENDER_UNKNOWN"));
    }

    @Test
    void refusesResponseWithoutCorrelationId() throws Exception {
        SoapResponse refused = send(AsyncMessages.sendMessage("RESPONSE", null, ""));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
        assertThat(refused.detailText("errorMessage")).contains("correlationId");
    }

    @Test
    void refusesRequestWithCorrelationId() throws Exception {
        SoapResponse refused = send(AsyncMessages.sendMessage("REQUEST", "some-chain", ""));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
    }

    @Test
    void refusesUnknownMessageType() throws Exception {
        SoapResponse refused = send(AsyncMessages.sendMessage("QUESTION", null, ""));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
    }

    @Test
    void acceptsNotificationInAChain() throws Exception {
        String first = text(send(AsyncMessages.sendMessage("REQUEST", null, "")), "messageId");
        SoapResponse accepted = send(AsyncMessages.sendMessage("NOTIFICATION", first, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(text(accepted, "correlationId")).isEqualTo(first);
        String messageId = text(accepted, "messageId");
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERED"));
    }

    private static SoapResponse send(String envelope) throws Exception {
        return gateway.postSigned("/bip-async/", envelope);
    }

    private static SoapResponse statusResponse(String messageId) throws Exception {
        return gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
    }

    private static List<LoggedRow> logRows(String sessionId) throws Exception {
        return gateway.gateway().messageLogReader().exchange(sessionId);
    }

    private static String state(String messageId) throws Exception {
        SoapResponse status = statusResponse(messageId);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return text(status, "messageState");
    }

    /** What the sandbox recipient saw of the message: {@code attempts=N taken=true|false}. */
    private static String recipient(String messageId) throws Exception {
        return gateway.get("/sandbox/async-receiver?messageId=" + messageId).body();
    }

    private static String text(SoapResponse response, String localName) {
        var nodes = response.document().getElementsByTagName(localName);
        assertThat(nodes.getLength()).as(localName + " in " + response.body()).isEqualTo(1);
        return nodes.item(0).getTextContent();
    }
}
