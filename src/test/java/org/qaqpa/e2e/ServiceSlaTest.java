package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.ops.PrometheusText;

/**
 * A service's {@code sla} (services.yaml) at a real gateway: a sync provider that keeps the gateway waiting longer
 * (the slow sandbox provider, cut off by its 2 s timeout, against an sla of 300 ms) and an async message delivered
 * only at its second attempt (200 ms later, against an sla of 100 ms) are counted in
 * {@code qaqpa_provider_sla_breaches_total}; the echo provider within its sla of a minute is not.
 */
class ServiceSlaTest {

    private static final String BREACHES = "qaqpa_provider_sla_breaches_total";

    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path services = Files.writeString(dir.resolve("services.yaml"), """
                services:
                  TEST_SERVICE_ID:
                    url: /sandbox/echo
                    bin: "990340000025"
                    sla: 1m
                  FAULTY_SLOW:
                    url: /sandbox/faulty/slow
                    bin: "990340000025"
                    timeout: 2s
                    sla: 300ms
                  TEST_ASYNC_SERVICE_ID:
                    url: /sandbox/async-receiver
                    bin: "990340000025"
                    mode: async
                    sla: 100ms
                """);
        Path members = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  dev-client:
                    password-hash: %s
                    iin: "123456789011"
                    bin: "123456789021"
                    services: [TEST_SERVICE_ID, FAULTY_SLOW, TEST_ASYNC_SERVICE_ID]
                """.formatted(TestGateway.devPasswordHash()));
        GatewayConfig defaults = GatewayConfig.defaults();
        gateway = TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(members.toString(), services.toString(),
                defaults.registry().reloadInterval())).withAsync(AsyncMessages.quickRetries(3, 2)), dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void countsASyncProviderSlowerThanItsSlaAndNotOneWithinIt() throws Exception {
        SoapResponse fast = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>sla</ping>"));
        SoapResponse slow = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("FAULTY_SLOW", "<ping>sla</ping>"));

        assertThat(fast.status()).as(fast.body()).isEqualTo(200);
        assertThat(slow.errorCode()).isEqualTo(ErrorCode.PROVIDER_TIMEOUT.name());
        PrometheusText metrics = PrometheusText.parse(gateway.get("/metrics").body());
        assertThat(metrics.value(BREACHES, Map.of("service_id", "FAULTY_SLOW", "channel", "sync"))).isEqualTo(1.0);
        assertThat(metrics.samples(BREACHES, Map.of("service_id", "TEST_SERVICE_ID"))).allSatisfy(v -> assertThat(v).isZero());
        assertThat(metrics.samples("qaqpa_provider_call_duration_seconds_count", Map.of("service_id", "TEST_SERVICE_ID")))
                .as("the echo was called").isNotEmpty();
    }

    @Test
    void countsAnAsyncMessageDeliveredLaterThanItsSla() throws Exception {
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.failingFirst(1));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(gateway.get("/metrics").body())
                .samples(BREACHES, Map.of("service_id", "TEST_ASYNC_SERVICE_ID", "channel", "async")).contains(1.0));
    }
}
