package org.qaqpa.sandbox.eservice;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The e-services' step timings as metrics, in the Prometheus text format: {@code qaqpa_service_step_seconds} (a
 * summary: count and sum per service and step) and {@code qaqpa_service_sla_breaches_total} (steps over the
 * regulation's limit), served by the sandbox at {@code /sandbox/metrics}.
 */
public final class StepMetrics {

    private final Map<String, Step> steps = new ConcurrentSkipListMap<>();

    void record(String service, Application.StepTiming timing) {
        Step step = steps.computeIfAbsent(labels(service, timing.stepId()), key -> new Step());
        step.count.increment();
        step.millis.add(timing.millis());
        if (timing.breached()) {
            step.breaches.increment();
        }
    }

    /** The metrics as Prometheus text (version 0.0.4). */
    public String prometheus() {
        StringBuilder text = new StringBuilder();
        text.append("# HELP qaqpa_service_step_seconds How long an e-service's regulation step took.\n");
        text.append("# TYPE qaqpa_service_step_seconds summary\n");
        steps.forEach((labels, step) -> {
            text.append("qaqpa_service_step_seconds_count{").append(labels).append("} ").append(step.count.sum()).append('\n');
            text.append("qaqpa_service_step_seconds_sum{").append(labels).append("} ").append(step.millis.sum() / 1000.0).append('\n');
        });
        text.append("# HELP qaqpa_service_sla_breaches_total Steps that took longer than the regulation allows.\n");
        text.append("# TYPE qaqpa_service_sla_breaches_total counter\n");
        steps.forEach((labels, step) ->
                text.append("qaqpa_service_sla_breaches_total{").append(labels).append("} ").append(step.breaches.sum()).append('\n'));
        return text.toString();
    }

    /** How many steps of {@code service} were over their limit. */
    public long breaches(String service) {
        String prefix = "service=\"" + service + "\",";
        return steps.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().breaches.sum()).sum();
    }

    private static String labels(String service, String stepId) {
        return "service=\"" + service + "\",step=\"" + stepId + "\"";
    }

    private static final class Step {
        final LongAdder count = new LongAdder();
        final LongAdder millis = new LongAdder();
        final LongAdder breaches = new LongAdder();
    }
}
