package org.qaqpa.ops.admin;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.Service;

/**
 * The dashboard's "SLA breaches per e-service" ({@code GET /admin/summary}): per service with an {@code sla} in
 * services.yaml (or a breach counted before a reload removed it), the sla and the gateway's breaches of it from
 * {@code qaqpa_provider_sla_breaches_total}; and, when a sandbox runs in this process, the provider systems'
 * regulation steps over their limit per e-service (the sandbox's {@code qaqpa_service_sla_breaches_total}).
 */
final class SlaBreaches {

    private final GatewayMetrics metrics;
    private final Supplier<Collection<Service>> services;
    private final Supplier<Optional<ApplicationSource>> sandbox;

    SlaBreaches(GatewayMetrics metrics, Supplier<Collection<Service>> services, Supplier<Optional<ApplicationSource>> sandbox) {
        this.metrics = metrics;
        this.services = services;
        this.sandbox = sandbox;
    }

    /** No services, no sandbox: for a summary built without them. */
    static SlaBreaches none(GatewayMetrics metrics) {
        return new SlaBreaches(metrics, List::of, Optional::empty);
    }

    /** Rows {@code {serviceId, sla, slaMs, sync, async, breaches}}, by serviceId. */
    List<Map<String, Object>> gateway() {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Service service : services.get()) {
            service.sla().ifPresent(sla -> {
                Map<String, Object> row = row(rows, service.serviceId());
                row.put("sla", ConfigSection.formatDuration(sla));
                row.put("slaMs", sla.toMillis());
            });
        }
        for (Counter counter : metrics.registry().find("qaqpa.provider.sla.breaches").counters()) {
            Map<String, Object> row = row(rows, counter.getId().getTag("service_id"));
            String channel = counter.getId().getTag("channel");
            row.put(channel, (long) row.get(channel) + (long) counter.count());
            row.put("breaches", (long) row.get("breaches") + (long) counter.count());
        }
        return new ArrayList<>(rows.values());
    }

    /** Rows {@code {service, breaches}} by e-service; null when no sandbox runs here. */
    List<Map<String, Object>> regulation() {
        return sandbox.get().map(source -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            new TreeMap<>(source.regulationBreaches()).forEach((service, breaches) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("service", service);
                row.put("breaches", breaches);
                rows.add(row);
            });
            return rows;
        }).orElse(null);
    }

    private static Map<String, Object> row(Map<String, Map<String, Object>> rows, String serviceId) {
        return rows.computeIfAbsent(serviceId, id -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("serviceId", id);
            row.put("sla", null);
            row.put("slaMs", null);
            row.put("sync", 0L);
            row.put("async", 0L);
            row.put("breaches", 0L);
            return row;
        });
    }
}
