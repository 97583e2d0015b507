package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.async.DeliveryQueue;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.springframework.jms.core.JmsTemplate;

/**
 * Per-service retry settings end to end: {@code async.*} gives 3 attempts; OWN_RETRY's {@code retry:} block
 * gives 5 on its own queue; LATE_RETRY appears with 2 at a reload of services.yaml; SLOW_RETRY waits 3 s
 * before a redelivery, long enough to see what a chain does meanwhile. All are the sandbox recipient.
 */
class AsyncServiceRetryTest {

    private static final int DEFAULT_ATTEMPTS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String SERVICES = """
            services:
              TEST_ASYNC_SERVICE_ID:
                url: /sandbox/async-receiver
                bin: "990340000025"
                mode: async
              OWN_RETRY:
                url: /sandbox/async-receiver
                bin: "990340000025"
                mode: async
                retry:
                  max-delivery-attempts: 5
                  redelivery-delay: 100ms
              SLOW_RETRY:
                url: /sandbox/async-receiver
                bin: "990340000025"
                mode: async
                retry:
                  redelivery-delay: 3s
                  max-redelivery-delay: 3s
            """;

    @TempDir
    static Path dir;
    private static Path servicesFile;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String hash = TestGateway.devPasswordHash();
        Path membersFile = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  dev-client:
                    password-hash: %s
                    iin: "123456789011"
                    bin: "123456789021"
                    services: [TEST_ASYNC_SERVICE_ID, OWN_RETRY, SLOW_RETRY, LATE_RETRY]
                """.formatted(hash));
        servicesFile = Files.writeString(dir.resolve("services.yaml"), SERVICES);
        GatewayConfig defaults = GatewayConfig.defaults()
                .withAsync(AsyncMessages.quickRetries(DEFAULT_ATTEMPTS, 2));
        // reload-interval 0: the test reloads the files itself (checkNow), at the moment it chooses
        gateway = TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(membersFile.toString(),
                servicesFile.toString(), Duration.ZERO)), dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void stopsAfterTheServicesOwnAttempts() throws Exception {
        String messageId = send("OWN_RETRY", AsyncMessages.failingFirst(1000));
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=5 taken=false");
        assertThat(deadLetter(messageId)).as("in the dead-letter queue, its original address kept")
                .hasValue("qaqpa.async.delivery.OWN_RETRY");
    }

    @Test
    void keepsTheDefaultsForServicesWithoutRetrySettings() throws Exception {
        String messageId = send("TEST_ASYNC_SERVICE_ID", AsyncMessages.failingFirst(1000));
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=" + DEFAULT_ATTEMPTS + " taken=false");
        assertThat(deadLetter(messageId)).hasValue(DeliveryQueue.DELIVERY);
    }

    @Test
    void servesAServiceWithRetrySettingsAddedAtReload() throws Exception {
        Files.writeString(servicesFile, SERVICES + """
                  LATE_RETRY:
                    url: /sandbox/async-receiver
                    bin: "990340000025"
                    mode: async
                    retry:
                      max-delivery-attempts: 2
                """);
        gateway.gateway().registries().checkNow();
        assertThat(gateway.gateway().registries().problem()).isEmpty();

        String messageId = send("LATE_RETRY", AsyncMessages.failingFirst(1000));
        await().atMost(PATIENCE).until(() -> state(messageId).equals("DELIVERY_STOPPED"));
        assertThat(recipient(messageId)).isEqualTo("attempts=2 taken=false");
        assertThat(deadLetter(messageId)).hasValue("qaqpa.async.delivery.LATE_RETRY");
    }

    /**
     * The documented limit of ordering: a failed message waits out its redelivery delay outside the queue,
     * and the next message of its chain is delivered meanwhile.
     */
    @Test
    void letsAChainOvertakeAMessageWaitingForRedelivery() throws Exception {
        String request = send("SLOW_RETRY", AsyncMessages.failingFirst(1));
        String notification = send("SLOW_RETRY", AsyncMessages.sendMessage("NOTIFICATION", request, ""));
        await().atMost(PATIENCE).until(() -> state(request).equals("DELIVERED"));
        assertThat(gateway.get("/sandbox/async-receiver?correlationId=" + request).body())
                .isEqualTo(notification + "," + request);
    }

    private static String send(String serviceId, String envelope) throws Exception {
        SoapResponse response = gateway.postSigned("/bip-async/",
                envelope.replace("<serviceId>" + AsyncMessages.TEST_ASYNC_SERVICE + "</serviceId>",
                        "<serviceId>" + serviceId + "</serviceId>"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.document().getElementsByTagName("messageId").item(0).getTextContent();
    }

    private static String state(String messageId) throws Exception {
        SoapResponse status = gateway.postSigned("/bip-async/", AsyncMessages.getMessageStatus(messageId, Envelopes.SENDER));
        return status.document().getElementsByTagName("messageState").item(0).getTextContent();
    }

    private static String recipient(String messageId) throws Exception {
        return gateway.get("/sandbox/async-receiver?messageId=" + messageId).body();
    }

    /**
     * The original address of the dead letter of {@code messageId}, as Artemis kept it. The state is recorded
     * just before the broker moves the message, so this waits for it to arrive.
     */
    private static Optional<String> deadLetter(String messageId) {
        await().atMost(PATIENCE).until(() -> browseDeadLetter(messageId).isPresent());
        return browseDeadLetter(messageId);
    }

    private static Optional<String> browseDeadLetter(String messageId) {
        JmsTemplate jms = new JmsTemplate(gateway.gateway().brokerConnection().connectionFactory());
        return jms.browseSelected(DeliveryQueue.DEAD_LETTERS, "QaqpaMessageId = '" + messageId + "'", (session, browser) -> {
            List<Message> found = Collections.list(browser.getEnumeration());
            return found.isEmpty() ? Optional.<String>empty() : Optional.of(found.get(0).getStringProperty("_AMQ_ORIG_ADDRESS"));
        });
    }
}
