package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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
 * {@code GET /metrics} of a real gateway after signed traffic: an answered sync request, a sync request refused in
 * its route (SERVICE_NOT_FOUND), one refused before any route ran (SIGNATURE_MISSING) and an async message delivered
 * to the sandbox recipient. Each named series is there with the tags of that traffic and a non-zero value.
 */
class MetricsEndpointTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static TestGateway gateway;

    @BeforeAll
    static void startAndSend() throws Exception {
        gateway = TestGateway.start(GatewayConfig.defaults().withAsync(AsyncMessages.quickRetries(3, 1)), data);
        SoapResponse answered = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping/>"));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        SoapResponse refused = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("NO_SUCH_SERVICE", "<ping/>"));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
        SoapResponse unsigned = gateway.post("/bip-sync/", Envelopes.bytes(Envelopes.sendMessage("TEST_SERVICE_ID", "x")));
        assertThat(unsigned.errorCode()).isEqualTo(ErrorCode.SIGNATURE_MISSING.name());
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.sendMessage("REQUEST", null, ""));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        // delivered: the recipient's call is counted when the delivery finishes
        await().atMost(PATIENCE).until(() -> !metrics().samples("qaqpa_provider_call_duration_seconds_count",
                Map.of("service_id", AsyncMessages.TEST_ASYNC_SERVICE, "outcome", "ok")).isEmpty());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void servesThePrometheusTextFormat() throws Exception {
        HttpResponse<String> response = gateway.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE qaqpa_requests_total counter");
    }

    @Test
    void countsAnsweredAndRefusedRequestsWithTheirTags() throws Exception {
        PrometheusText metrics = metrics();
        assertThat(metrics.value("qaqpa_requests_total", Map.of("channel", "sync", "operation", "SendMessage",
                "service_id", "TEST_SERVICE_ID", "sender_id", Envelopes.SENDER, "outcome", "ok", "error_code", "none")))
                .isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_requests_total", Map.of("channel", "sync", "service_id", "unregistered",
                "sender_id", Envelopes.SENDER, "outcome", "fault", "error_code", "SERVICE_NOT_FOUND"))).isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_requests_total", Map.of("channel", "sync", "service_id", "none",
                "sender_id", "none", "outcome", "fault", "error_code", "SIGNATURE_MISSING"))).isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_errors_total", Map.of("channel", "sync", "error_code", "SERVICE_NOT_FOUND")))
                .isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_requests_total", Map.of("channel", "async", "operation", "sendMessage",
                "service_id", AsyncMessages.TEST_ASYNC_SERVICE, "outcome", "ok"))).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void keepsLatencyHistograms() throws Exception {
        PrometheusText metrics = metrics();
        assertThat(metrics.value("qaqpa_request_duration_seconds_count",
                Map.of("channel", "sync", "service_id", "TEST_SERVICE_ID"))).isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_request_duration_seconds_bucket",
                Map.of("channel", "sync", "service_id", "TEST_SERVICE_ID", "le", "+Inf"))).isEqualTo(1.0);
        assertThat(metrics.value("qaqpa_request_duration_seconds_sum",
                Map.of("channel", "sync", "service_id", "TEST_SERVICE_ID"))).isPositive();
        assertThat(metrics.value("qaqpa_provider_call_duration_seconds_count",
                Map.of("service_id", "TEST_SERVICE_ID", "outcome", "ok"))).isEqualTo(1.0);
    }

    @Test
    void readsTheQueuesAndTheDeadLetterQueue() throws Exception {
        assertThat(metrics().samples("qaqpa_async_queue_messages", Map.of("queue", "qaqpa.async.delivery"))).hasSize(1);
        // every delivery refused: after the configured attempts the broker moves it to the DLQ
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.failingFirst(1000));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> metrics().samples("qaqpa_async_dlq_messages",
                Map.of("queue", "qaqpa.async.dlq")).equals(java.util.List.of(1.0)));
        PrometheusText metrics = metrics();
        Map<String, String> recipient = Map.of("service_id", AsyncMessages.TEST_ASYNC_SERVICE);
        double failedCalls = metrics.value("qaqpa_provider_call_duration_seconds_count", recipient)
                - metrics.value("qaqpa_provider_call_duration_seconds_count", Map.of("service_id",
                AsyncMessages.TEST_ASYNC_SERVICE, "outcome", "ok"));
        assertThat(failedCalls).as("the three refused attempts, timed with their errorCode").isEqualTo(3.0);
    }

    @Test
    void countsOcspRequests() throws Exception {
        assertThat(metrics().value("qaqpa_pki_fetches_total", Map.of("kind", "ocsp", "result", "good"))).isPositive();
    }

    @Test
    void reportsDaysToExpiryOfTheGatewaysCertificateAndTheAnchors() throws Exception {
        PrometheusText metrics = metrics();
        String serial = gateway.pki().gateway().certificate().getSerialNumber().toString(16);
        assertThat(metrics.value("qaqpa_certificate_expiry_days", Map.of("role", "gateway", "serial", serial)))
                .isPositive();
        assertThat(metrics.samples("qaqpa_certificate_expiry_days", Map.of("role", "trust_anchor"))).isNotEmpty()
                .allSatisfy(days -> assertThat(days).isPositive());
    }

    @Test
    void tellsLivenessFromReadiness() throws Exception {
        HttpResponse<String> live = gateway.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\",\"components\":{}}");
        HttpResponse<String> ready = gateway.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"},"
                + "\"artemis\":{\"status\":\"UP\"},\"camel\":{\"status\":\"UP\"},\"jetty\":{\"status\":\"UP\"},"
                + "\"registries\":{\"status\":\"UP\"}}}");
        HttpResponse<String> health = gateway.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"},"
                + "\"artemis\":{\"status\":\"UP\"},\"camel\":{\"status\":\"UP\"},\"jetty\":{\"status\":\"UP\"}}}");
    }

    private static PrometheusText metrics() throws Exception {
        HttpResponse<String> response = gateway.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }
}
