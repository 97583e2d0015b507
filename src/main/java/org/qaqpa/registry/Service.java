package org.qaqpa.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered service from {@code services.yaml}.
 *
 * @param serviceId                 the id senders put in {@code requestInfo/serviceId}
 * @param provider                  the provider of requests without a {@code routeId}
 * @param routes                    other providers of the same service, chosen by the request's {@code routeId}
 * @param businessSignatureRequired whether {@code data} must carry an enveloped business signature
 * @param mode                      sync or async
 * @param retry                     an async service's own redelivery settings ({@code retry:}), empty: {@code async.*}
 */
public record Service(String serviceId, Provider provider, Map<String, Provider> routes, boolean businessSignatureRequired,
                      ServiceMode mode, Optional<ServiceRetry> retry) {

    public Service {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(provider, "provider");
        routes = Map.copyOf(routes);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(retry, "retry");
    }

    /** A service delivered with the default redelivery settings ({@code async.*}). */
    public Service(String serviceId, Provider provider, Map<String, Provider> routes, boolean businessSignatureRequired,
                   ServiceMode mode) {
        this(serviceId, provider, routes, businessSignatureRequired, mode, Optional.empty());
    }

    /**
     * The provider for a request's {@code routeId}: the service's own when the request names none
     * (null or blank), the route's when it names a registered one, empty for an unknown routeId.
     */
    public Optional<Provider> provider(String routeId) {
        if (routeId == null || routeId.isBlank()) {
            return Optional.of(provider);
        }
        return Optional.ofNullable(routes.get(routeId));
    }
}
