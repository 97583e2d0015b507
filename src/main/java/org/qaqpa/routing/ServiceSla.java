package org.qaqpa.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceRegistry;

/**
 * Counts the answers and deliveries later than their service's {@code sla} (services.yaml, docs/configuration.md):
 * a sync call from the moment the gateway calls the provider to its answer or failure (the gateway's hop, which the
 * regulations give "1 min"); an async PUSH message from its acceptance to its delivery (the recipient's or the
 * next node's acceptance), retries and queueing included. The sla is read from the registry at each check, so a
 * reload applies at once; a service without one is never counted.
 */
public final class ServiceSla {

    /** The {@code channel} tag of a sync provider call. */
    static final String SYNC = "sync";
    /** The {@code channel} tag of an async delivery. */
    static final String ASYNC = "async";

    private final ServiceRegistry services;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public ServiceSla(ServiceRegistry services, GatewayMetrics metrics, Clock clock) {
        this.services = services;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A sync provider call that took {@code elapsedNanos}, answered or failed. */
    void providerCalled(String serviceId, long elapsedNanos) {
        sla(serviceId).filter(sla -> elapsedNanos > sla.toNanos())
                .ifPresent(sla -> metrics.slaBreach(serviceId, SYNC));
    }

    /** An async message accepted at {@code acceptedAt}, delivered now. */
    void delivered(String serviceId, Instant acceptedAt) {
        sla(serviceId).filter(sla -> Duration.between(acceptedAt, clock.instant()).compareTo(sla) > 0)
                .ifPresent(sla -> metrics.slaBreach(serviceId, ASYNC));
    }

    private Optional<Duration> sla(String serviceId) {
        return serviceId == null ? Optional.empty() : services.find(serviceId).flatMap(Service::sla);
    }
}
