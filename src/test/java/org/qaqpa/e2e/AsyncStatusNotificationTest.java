package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * changeMassageStatusNotification end to end: the sender {@code notified} has {@code async-url:
 * /sandbox/async-receiver} (it signs with the sandbox echo key, which the receiver answers with, BIN
 * 990340000025), so the sandbox receiver records the states the gateway notifies it of, through the
 * durable queue qaqpa.async.notify. Short retries (3 attempts, 200 ms doubling to 1 s) make
 * DELIVERY_STOPPED quick.
 */
class AsyncStatusNotificationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PUSHED = "NOTIFY_PUSH_SERVICE";
    private static final String PULLED = "NOTIFY_PULL_SERVICE";

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String hash = TestGateway.devPasswordHash();
        Path members = Files.writeString(data.resolve("members.yaml"), """
                members:
                  notified:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%2$s, %3$s]
                    async-url: /sandbox/async-receiver
                  unreachable:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%2$s]
                    async-url: /sandbox/no-such-receiver
                  puller:
                    password-hash: %1$s
                    iin: "123456789011"
                    services: []
                """.formatted(hash, PUSHED, PULLED));
        Path services = Files.writeString(data.resolve("services.yaml"), """
                services:
                  %s:
                    url: /sandbox/async-receiver
                    bin: "990340000025"
                    mode: async
                  %s:
                    mode: async
                    delivery: pull
                    recipient: puller
                """.formatted(PUSHED, PULLED));
        GatewayConfig config = GatewayConfig.defaults()
                .withRegistry(new GatewayConfig.Registry(members.toString(), services.toString(), Duration.ZERO))
                .withAsync(AsyncMessages.quickRetries(3, 2));
        gateway = TestGateway.start(config, data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void notifiesTheSenderWhenItsMessageIsDelivered() throws Exception {
        SoapResponse accepted = send(PUSHED, "", "notified");
        String messageId = text(accepted, "messageId");

        await().atMost(PATIENCE).until(() -> notified(messageId).equals("notified=DELIVERED"));
        LoggedRow row = await().atMost(PATIENCE).until(() -> logged(text(accepted, "sessionId"), "NOTIFIED"), found -> found != null);
        assertThat(row.kind()).isEqualTo(LogEntry.Kind.RESPONSE);
        assertThat(row.messageId()).isEqualTo(messageId);
        assertThat(new String(gateway.gateway().messageLogReader().body(row.id()).orElseThrow(), StandardCharsets.UTF_8))
                .as("the sender's answer").contains("changeMassageStatusNotificationResponse");
    }

    @Test
    void logsANotificationTheSenderDidNotTake() throws Exception {
        SoapResponse accepted = send(PUSHED, "", "unreachable");

        LoggedRow row = await().atMost(PATIENCE).until(() -> logged(text(accepted, "sessionId"), "NOT_NOTIFIED"),
                found -> found != null);
        assertThat(row.kind()).isEqualTo(LogEntry.Kind.FAULT);
        assertThat(row.senderId()).isEqualTo("unreachable");
        assertThat(row.errorCode()).isEqualTo(ErrorCode.PROVIDER_FAULT.name());
    }

    @Test
    void notifiesTheSenderWhenDeliveryStops() throws Exception {
        String messageId = send(PUSHED, "<properties><key>SANDBOX_FAIL_ATTEMPTS</key><value>1000</value></properties>");

        await().atMost(PATIENCE).until(() -> notified(messageId).equals("notified=DELIVERY_STOPPED"));
        assertThat(gateway.get("/sandbox/async-receiver?messageId=" + messageId).body()).isEqualTo("attempts=3 taken=false");
    }

    @Test
    void notifiesTheSenderWhenThePullRecipientRefusesForGood() throws Exception {
        String messageId = send(PULLED, "");
        IssuedCertificate puller = gateway.pki().individual();
        AtomicBoolean pulled = new AtomicBoolean();
        await().atMost(PATIENCE).until(() -> {
            SoapResponse answer = post(AsyncMessages.getMessages(PULLED, "puller", messageId, null, null), puller);
            pulled.set(answer.body().contains(messageId));
            return pulled.get();
        });

        SoapResponse refused = post(AsyncMessages.sendDeliveryNotification(messageId, PULLED, "puller", "MESSAGE_NOT_ACCTEPTED",
                "NOT_RESEND"), puller);
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> notified(messageId).equals("notified=NOT_DELIVERED"));
    }

    private static String send(String serviceId, String extraInfo) throws Exception {
        return text(send(serviceId, extraInfo, "notified"), "messageId");
    }

    private static SoapResponse send(String serviceId, String extraInfo, String senderId) throws Exception {
        SoapResponse accepted = post(AsyncMessages.sendMessage(serviceId, senderId, "REQUEST", null, extraInfo),
                gateway.pki().echo());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return accepted;
    }

    private static String text(SoapResponse response, String localName) {
        return response.document().getElementsByTagName(localName).item(0).getTextContent();
    }

    /** The first row of the session with this status, or null. */
    private static LoggedRow logged(String sessionId, String status) throws Exception {
        return gateway.gateway().messageLogReader().exchange(sessionId).stream()
                .filter(row -> row.status().equals(status)).findFirst().orElse(null);
    }

    private static SoapResponse post(String envelope, IssuedCertificate key) throws Exception {
        return gateway.post("/bip-async/", Envelopes.bytes(TestGateway.sign(envelope, key)));
    }

    /** The states the sandbox receiver was notified of for the message: {@code notified=A,B}. */
    private static String notified(String messageId) throws Exception {
        return gateway.get("/sandbox/async-receiver?notified=" + messageId).body();
    }
}
