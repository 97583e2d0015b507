package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.security.pki.IssuedCertificate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Async chains end to end: a REQUEST goes to the service's recipient, the RESPONSE its recipient member
 * sends (correlationId = the REQUEST's messageId) goes back to the member that sent the REQUEST — PUSHed
 * to the requester's {@code async-url}, or PULLed by a requester without one. Registry files of the test:
 *
 * <ul>
 *   <li>{@code pusher}: a requester with {@code async-url: /sandbox/async-receiver}; signs with the
 *       sandbox echo key, as the sandbox receiver answers with it (its certificate binding, BIN 990340000025);</li>
 *   <li>{@code puller}: a requester without async-url; signs with the legal-entity key;</li>
 *   <li>{@code responder}: the recipient member of both services; signs with the individual key.</li>
 * </ul>
 */
class AsyncChainTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PUSHED = "CHAIN_PUSH_SERVICE";
    private static final String PULLED = "CHAIN_PULL_SERVICE";

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String hash = TestGateway.devPasswordHash();
        Path members = Files.writeString(data.resolve("members.yaml"), """
                members:
                  pusher:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%2$s]
                    async-url: /sandbox/async-receiver
                  puller:
                    password-hash: %1$s
                    bin: "123456789021"
                    services: [%3$s]
                  responder:
                    password-hash: %1$s
                    iin: "123456789011"
                    services: [%2$s, %3$s]
                """.formatted(hash, PUSHED, PULLED));
        Path services = Files.writeString(data.resolve("services.yaml"), """
                services:
                  %s:
                    url: /sandbox/async-receiver
                    bin: "990340000025"
                    mode: async
                    recipient: responder
                  %s:
                    mode: async
                    delivery: pull
                    recipient: responder
                """.formatted(PUSHED, PULLED));
        GatewayConfig config = GatewayConfig.defaults().withRegistry(new GatewayConfig.Registry(members.toString(),
                services.toString(), Duration.ZERO));
        gateway = TestGateway.start(config, data);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void pushesTheResponseBackToTheRequester() throws Exception {
        String request = accept(PUSHED, "pusher", gateway.pki().echo(), "REQUEST", null);
        List<String> requestStates = awaitStates(request, "pusher", gateway.pki().echo(), "DELIVERED");
        assertThat(receiver(request)).as("the REQUEST went to the service").isEqualTo("attempts=1 taken=true");

        String response = accept(PUSHED, "responder", gateway.pki().individual(), "RESPONSE", request);
        List<String> responseStates = awaitStates(response, "responder", gateway.pki().individual(), "DELIVERED");

        assertThat(receiver(response)).as("the RESPONSE was PUSHed to the requester's async-url").isEqualTo("attempts=1 taken=true");
        assertThat(List.of("ON_DELIVERY", "DELIVERED")).containsSubsequence(requestStates);
        assertThat(List.of("ON_DELIVERY", "DELIVERED")).containsSubsequence(responseStates);
    }

    @Test
    void letsARequesterWithoutAsyncUrlPullTheResponse() throws Exception {
        String request = accept(PULLED, "puller", gateway.pki().legalEntity(), "REQUEST", null);
        List<String> requestStates = new ArrayList<>(List.of(state(request, "puller", gateway.pki().legalEntity())));
        awaitPulled(request, null, "responder", gateway.pki().individual());
        acknowledge(request, "responder", gateway.pki().individual());
        requestStates.add(state(request, "puller", gateway.pki().legalEntity()));

        String response = accept(PULLED, "responder", gateway.pki().individual(), "RESPONSE", request);
        List<String> responseStates = new ArrayList<>(List.of(state(response, "responder", gateway.pki().individual())));
        Element pulled = awaitPulled(null, request, "puller", gateway.pki().legalEntity());
        assertThat(text(pulled, "messageId")).isEqualTo(response);
        assertThat(text(pulled, "messageType")).isEqualTo("RESPONSE");
        assertThat(messages(getMessages(null, request, "responder", gateway.pki().individual())))
                .as("the RESPONSE is not for the service's recipient").isEmpty();
        acknowledge(response, "puller", gateway.pki().legalEntity());
        responseStates.add(state(response, "responder", gateway.pki().individual()));

        assertThat(requestStates).containsExactly("ON_DELIVERY", "DELIVERED");
        assertThat(responseStates).containsExactly("ON_DELIVERY", "DELIVERED");
    }

    @Test
    void sendsTheRequestersOwnFollowUpToTheRecipient() throws Exception {
        String request = accept(PULLED, "puller", gateway.pki().legalEntity(), "REQUEST", null);
        String update = accept(PULLED, "puller", gateway.pki().legalEntity(), "UPDATE", request);

        Element pulled = awaitPulled(update, null, "responder", gateway.pki().individual());

        assertThat(text(pulled, "correlationId")).isEqualTo(request);
    }

    @Test
    void refusesAnAnswerFromTheRecipientToNoKnownRequest() throws Exception {
        SoapResponse refused = post(AsyncMessages.sendMessage(PULLED, "responder", "RESPONSE", "no-such-request", ""),
                gateway.pki().individual());

        assertThat(refused.errorCode()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());
        assertThat(refused.detailText("errorMessage")).contains("no-such-request");
    }

    private static String accept(String serviceId, String senderId, IssuedCertificate key, String type, String correlationId)
            throws Exception {
        SoapResponse accepted = post(AsyncMessages.sendMessage(serviceId, senderId, type, correlationId, ""), key);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return accepted.document().getElementsByTagName("messageId").item(0).getTextContent();
    }

    /** The states the sender sees, each change once, until {@code last}. */
    private static List<String> awaitStates(String messageId, String senderId, IssuedCertificate key, String last) {
        List<String> seen = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            String state = state(messageId, senderId, key);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            return state.equals(last);
        });
        return seen;
    }

    private static String state(String messageId, String senderId, IssuedCertificate key) throws Exception {
        SoapResponse status = post(AsyncMessages.getMessageStatus(messageId, senderId), key);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.document().getElementsByTagName("messageState").item(0).getTextContent();
    }

    private static Element awaitPulled(String messageId, String correlationId, String senderId, IssuedCertificate key) {
        AtomicReference<Element> pulled = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            messages(getMessages(messageId, correlationId, senderId, key)).stream().findFirst().ifPresent(pulled::set);
            return pulled.get() != null;
        });
        return pulled.get();
    }

    private static SoapResponse getMessages(String messageId, String correlationId, String senderId, IssuedCertificate key)
            throws Exception {
        return post(AsyncMessages.getMessages(PULLED, senderId, messageId, correlationId, null), key);
    }

    private static void acknowledge(String messageId, String senderId, IssuedCertificate key) throws Exception {
        SoapResponse answer = post(AsyncMessages.sendDeliveryNotification(messageId, PULLED, senderId, "MESSAGE_ACCEPTED",
                "NOT_RESEND"), key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static SoapResponse post(String envelope, IssuedCertificate key) throws Exception {
        return gateway.post("/bip-async/", Envelopes.bytes(TestGateway.sign(envelope, key)));
    }

    /** What the sandbox receiver (the PUSH service and pusher's async-url) saw of the message. */
    private static String receiver(String messageId) throws Exception {
        return gateway.get("/sandbox/async-receiver?messageId=" + messageId).body();
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

    private static String text(Element message, String localName) {
        return message.getElementsByTagName(localName).item(0).getTextContent();
    }
}
