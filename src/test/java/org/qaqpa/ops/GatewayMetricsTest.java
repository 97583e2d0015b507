package org.qaqpa.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters of {@link GatewayMetrics} as Prometheus reads them: names, tags, bounded ids, histograms. */
class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics(Set.of("TEST_SERVICE_ID")::contains, Set.of("dev-client")::contains);

    @Test
    void countsRequestsByChannelOperationServiceSenderAndOutcome() {
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", null, ms(12));
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", null, ms(30));
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", "SERVICE_NOT_ALLOWED", ms(3));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("qaqpa_requests_total", Map.of("channel", "sync", "operation", "SendMessage",
                "service_id", "TEST_SERVICE_ID", "sender_id", "dev-client", "outcome", "ok", "error_code", "none")))
                .isEqualTo(2.0);
        assertThat(text.value("qaqpa_requests_total", Map.of("outcome", "fault", "error_code", "SERVICE_NOT_ALLOWED")))
                .isEqualTo(1.0);
        assertThat(text.value("qaqpa_errors_total", Map.of("channel", "sync", "error_code", "SERVICE_NOT_ALLOWED")))
                .isEqualTo(1.0);
        assertThat(metrics.scrape()).doesNotContain("qaqpa_errors_total{channel=\"sync\",error_code=\"none\"");
    }

    @Test
    void tagsIdsTheRegistriesDoNotKnowAsUnregistered() {
        metrics.request("async", "sendMessage", "INVENTED_" + System.nanoTime(), "someone-else", "SERVICE_NOT_FOUND", ms(1));
        metrics.request("sync", null, null, null, "SIGNATURE_MISSING", ms(1));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("qaqpa_requests_total", Map.of("channel", "async", "service_id", "unregistered",
                "sender_id", "unregistered", "error_code", "SERVICE_NOT_FOUND"))).isEqualTo(1.0);
        assertThat(text.value("qaqpa_requests_total", Map.of("channel", "sync", "operation", "none", "service_id", "none",
                "sender_id", "none", "error_code", "SIGNATURE_MISSING"))).isEqualTo(1.0);
        assertThat(metrics.scrape()).doesNotContain("INVENTED_", "someone-else");
    }

    @Test
    void keepsARequestLatencyHistogramPerChannelAndService() {
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", null, ms(7));
        metrics.request("sync", "SendMessage", "TEST_SERVICE_ID", "dev-client", "PROVIDER_TIMEOUT", ms(3000));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        Map<String, String> series = Map.of("channel", "sync", "service_id", "TEST_SERVICE_ID");
        assertThat(text.value("qaqpa_request_duration_seconds_count", series)).isEqualTo(2.0);
        assertThat(text.value("qaqpa_request_duration_seconds_sum", series)).isEqualTo(3.007);
        assertThat(text.value("qaqpa_request_duration_seconds_bucket", with(series, "le", "0.005"))).isZero();
        assertThat(text.value("qaqpa_request_duration_seconds_bucket", with(series, "le", "0.01"))).isEqualTo(1.0);
        assertThat(text.value("qaqpa_request_duration_seconds_bucket", with(series, "le", "2.5"))).isEqualTo(1.0);
        assertThat(text.value("qaqpa_request_duration_seconds_bucket", with(series, "le", "5.0"))).isEqualTo(2.0);
        assertThat(text.value("qaqpa_request_duration_seconds_bucket", with(series, "le", "+Inf"))).isEqualTo(2.0);
    }

    @Test
    void timesProviderCallsByServiceAndOutcome() {
        metrics.providerCall("TEST_SERVICE_ID", null, ms(40));
        metrics.providerCall("TEST_SERVICE_ID", "PROVIDER_UNAVAILABLE", ms(2));

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("qaqpa_provider_call_duration_seconds_count",
                Map.of("service_id", "TEST_SERVICE_ID", "outcome", "ok"))).isEqualTo(1.0);
        assertThat(text.value("qaqpa_provider_call_duration_seconds_count",
                Map.of("service_id", "TEST_SERVICE_ID", "outcome", "PROVIDER_UNAVAILABLE"))).isEqualTo(1.0);
    }

    @Test
    void countsPkiFetchesByKindAndResult() {
        metrics.pkiFetch("ocsp", "good");
        metrics.pkiFetch("ocsp", "good");
        metrics.pkiFetch("crl", "error");

        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("qaqpa_pki_fetches_total", Map.of("kind", "ocsp", "result", "good"))).isEqualTo(2.0);
        assertThat(text.value("qaqpa_pki_fetches_total", Map.of("kind", "crl", "result", "error"))).isEqualTo(1.0);
        assertThatThrownBy(() -> text.value("qaqpa_pki_fetches_total", Map.of("kind", "crl", "result", "ok")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refreshesGaugesBeforeEachScrapeEvenWhenOneSourceFails() {
        int[] refreshed = {0};
        metrics.beforeScrape(() -> {
            throw new IllegalStateException("broker down");
        });
        metrics.beforeScrape(() -> refreshed[0]++);

        metrics.scrape();
        metrics.scrape();

        assertThat(refreshed[0]).isEqualTo(2);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        var copy = new java.util.HashMap<>(tags);
        copy.put(key, value);
        return copy;
    }
}
