package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.qaqpa.e2e.AsyncMessages.PULL_RECIPIENT;
import static org.qaqpa.e2e.AsyncMessages.TEST_PULL_SERVICE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.routing.GetMessagesProcessor;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * PULL delivery end to end: dev-client sends to TEST_ASYNC_PULL_SERVICE_ID through the real broker; its
 * recipient dev-individual (its own key) fetches with getMessages and acknowledges with
 * sendDeliveryNotification over real HTTP. Each test filters by its own messageIds, so they share one gateway.
 */
class AsyncPullDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void deliversByPullWithStatesInOrder() throws Exception {
        String messageId = accept("REQUEST", null);
        List<String> seen = new ArrayList<>(List.of(state(messageId)));

        Element message = awaitPulled(messageId);
        seen.add(state(messageId));
        assertThat(child(child(message, "messageInfo"), "messageId").getTextContent()).isEqualTo(messageId);
        assertThat(child(child(child(message, "messageInfo"), "sender"), "senderId").getTextContent()).isEqualTo(Envelopes.SENDER);
        assertThat(child(child(child(message, "messageInfo"), "sender"), "password")).as("never the sender's password").isNull();
        assertThat(child(child(message, "messageData"), "data").getTextContent()).isEqualTo("async");

        SoapResponse acknowledged = notify(messageId, "MESSAGE_ACCEPTED", "RESEND");
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.document().getElementsByTagName("notificationId").item(0).getTextContent()).isNotBlank();
        seen.add(state(messageId));
        assertThat(seen).containsExactly("ON_DELIVERY", "ON_DELIVERY", "DELIVERED");
        assertThat(messages(pull(messageId, null, null))).as("gone from the inbox").isEmpty();
    }

    @Test
    void leasesAHandedOutMessageUntilTheRecipientAsksForItAgain() throws Exception {
        String messageId = accept("REQUEST", null);
        awaitPulled(messageId);
        assertThat(messages(pull(messageId, null, null))).as("leased: not handed out twice").isEmpty();

        assertThat(notify(messageId, "MESSAGE_NOT_ACCTEPTED", "RESEND").status()).isEqualTo(200);
        assertThat(messages(pull(messageId, null, null))).as("RESEND ends the lease").hasSize(1);
        assertThat(state(messageId)).isEqualTo("ON_DELIVERY");
        assertThat(notify(messageId, "MESSAGE_ACCEPTED", "NOT_RESEND").status()).isEqualTo(200);
        assertThat(state(messageId)).isEqualTo("DELIVERED");
    }

    @Test
    void recordsNotDeliveredWhenTheRecipientRefusesForGood() throws Exception {
        String messageId = accept("REQUEST", null);
        awaitPulled(messageId);

        assertThat(notify(messageId, "MESSAGE_NOT_ACCTEPTED", "NOT_RESEND").status()).isEqualTo(200);

        assertThat(state(messageId)).isEqualTo("NOT_DELIVERED");
        assertThat(messages(pull(messageId, null, null))).isEmpty();
    }

    @Test
    void handsOutTheOldestAcceptedFirst() throws Exception {
        String request = accept("REQUEST", null);
        String notification = accept("NOTIFICATION", request);
        awaitPulled(notification);
        awaitPulled(request);
        notify(notification, "MESSAGE_NOT_ACCTEPTED", "RESEND");
        notify(request, "MESSAGE_NOT_ACCTEPTED", "RESEND");

        List<Element> chain = messages(pull(null, request, null));

        assertThat(chain).extracting(m -> child(child(m, "messageInfo"), "messageId").getTextContent())
                .containsExactly(request, notification);
    }

    @Test
    void capsALargeAmountInsteadOfRefusingIt() throws Exception {
        SoapResponse answer = pull(null, null, 1_000_000);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(messages(answer).size()).isLessThanOrEqualTo(GetMessagesProcessor.MAX_AMOUNT);
    }

    @Test
    void refusesAmountBelowOne() throws Exception {
        SoapResponse refused = pull(null, null, 0);

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
        assertThat(refused.detailText("errorMessage")).contains("amount");
    }

    @Test
    void refusesGetMessagesOfAServiceTheCallerDoesNotReceive() throws Exception {
        SoapResponse refused = gateway.postSigned("/bip-async/",
                AsyncMessages.getMessages(TEST_PULL_SERVICE, Envelopes.SENDER, null, null, null));

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVICE_NOT_ALLOWED.name());
        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(refused.detailText("sessionId"));
        assertThat(rows).extracting(LoggedRow::kind, LoggedRow::status, LoggedRow::errorCode).containsExactly(
                tuple(LogEntry.Kind.REQUEST, "ACCEPTED", null), tuple(LogEntry.Kind.FAULT, "REFUSED", "SERVICE_NOT_ALLOWED"));
    }

    @Test
    void refusesNotificationForAMessageTheCallerDidNotReceive() throws Exception {
        assertThat(notify("never-sent", "MESSAGE_ACCEPTED", "NOT_RESEND").errorCode())
                .isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());

        String messageId = accept("REQUEST", null);
        awaitPulled(messageId);
        SoapResponse byTheSender = gateway.postSigned("/bip-async/", AsyncMessages.sendDeliveryNotification(messageId,
                TEST_PULL_SERVICE, Envelopes.SENDER, "MESSAGE_ACCEPTED", "NOT_RESEND"));
        assertThat(byTheSender.errorCode()).as("only its recipient may acknowledge it").isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());
        assertThat(state(messageId)).isEqualTo("ON_DELIVERY");
    }

    @Test
    void logsGetMessagesAndItsAnswer() throws Exception {
        SoapResponse answer = pull("nothing-here", null, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String sessionId = answer.document().getElementsByTagName("sessionId").item(0).getTextContent();
        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(sessionId);
        assertThat(rows).extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::serviceId, LoggedRow::status)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, PULL_RECIPIENT, TEST_PULL_SERVICE, "ACCEPTED"),
                        tuple(LogEntry.Kind.RESPONSE, PULL_RECIPIENT, TEST_PULL_SERVICE, "ANSWERED"));
        assertThat(loggedBody(rows.get(1))).as("the answer as the recipient got it").contains("getMessagesResponse", sessionId);
    }

    @Test
    void logsDeliveryNotificationAndItsAnswer() throws Exception {
        String messageId = accept("REQUEST", null);
        awaitPulled(messageId);

        SoapResponse acknowledged = notify(messageId, "MESSAGE_ACCEPTED", "NOT_RESEND");

        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        String notificationId = acknowledged.document().getElementsByTagName("notificationId").item(0).getTextContent();
        String sessionId = acknowledged.document().getElementsByTagName("sessionId").item(0).getTextContent();
        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(sessionId);
        assertThat(rows).extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::status)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, PULL_RECIPIENT, "ACCEPTED"),
                        tuple(LogEntry.Kind.RESPONSE, PULL_RECIPIENT, "ANSWERED"));
        assertThat(loggedBody(rows.get(1))).contains("sendDeliveryNotificationResponse", notificationId);
    }

    private static String loggedBody(LoggedRow row) throws java.sql.SQLException {
        return new String(gateway.gateway().messageLogReader().body(row.id()).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** dev-client sends a message to the PULL service; returns its messageId. */
    private static String accept(String messageType, String correlationId) throws Exception {
        SoapResponse accepted = gateway.postSigned("/bip-async/",
                AsyncMessages.sendMessage(TEST_PULL_SERVICE, Envelopes.SENDER, messageType, correlationId, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return accepted.document().getElementsByTagName("messageId").item(0).getTextContent();
    }

    /** Fetches as the recipient until the broker has moved {@code messageId} into its inbox; it is then leased. */
    private static Element awaitPulled(String messageId) {
        AtomicReference<Element> pulled = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            List<Element> found = messages(pull(messageId, null, null));
            found.stream().findFirst().ifPresent(pulled::set);
            return pulled.get() != null;
        });
        return pulled.get();
    }

    private static SoapResponse pull(String messageId, String correlationId, Integer amount) throws Exception {
        return asRecipient(AsyncMessages.getMessages(TEST_PULL_SERVICE, PULL_RECIPIENT, messageId, correlationId, amount));
    }

    private static SoapResponse notify(String messageId, String receiveStatus, String resend) throws Exception {
        return asRecipient(AsyncMessages.sendDeliveryNotification(messageId, TEST_PULL_SERVICE, PULL_RECIPIENT,
                receiveStatus, resend));
    }

    private static SoapResponse asRecipient(String envelope) throws Exception {
        return gateway.post("/bip-async/", Envelopes.bytes(TestGateway.sign(envelope, gateway.pki().individual())));
    }

    private static List<Element> messages(SoapResponse answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        NodeList nodes = answer.document().getElementsByTagName("messages");
        List<Element> messages = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            messages.add((Element) nodes.item(i));
        }
        return messages;
    }

    private static String state(String messageId) throws Exception {
        SoapResponse status = gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.document().getElementsByTagName("messageState").item(0).getTextContent();
    }

    private static Element child(Element parent, String localName) {
        for (var n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
