package org.qaqpa.sandbox.eservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepMetricsTest {

    @Test
    void countsStepsTheirSecondsAndTheBreachesOfTheirLimits() {
        StepMetrics metrics = new StepMetrics();
        metrics.record("S", new Application.StepTiming("S-1", "a step", Instant.EPOCH, 1_500, 1_000));
        metrics.record("S", new Application.StepTiming("S-1", "a step", Instant.EPOCH, 500, 1_000));
        metrics.record("S", new Application.StepTiming("S-2", "no limit", Instant.EPOCH, 90_000, 0));

        assertThat(metrics.breaches("S")).isEqualTo(1);
        assertThat(metrics.breaches("OTHER")).isZero();
        assertThat(metrics.prometheus())
                .contains("qaqpa_service_step_seconds_count{service=\"S\",step=\"S-1\"} 2\n")
                .contains("qaqpa_service_step_seconds_sum{service=\"S\",step=\"S-1\"} 2.0\n")
                .contains("qaqpa_service_sla_breaches_total{service=\"S\",step=\"S-1\"} 1\n")
                .contains("qaqpa_service_sla_breaches_total{service=\"S\",step=\"S-2\"} 0\n");
    }
}
