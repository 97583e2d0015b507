package org.qaqpa.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered service from {@code services.yaml}.
 *
 * @param serviceId                 the id senders put in {@code requestInfo/serviceId}
 * @param provider                  the provider of requests without a {@code routeId}; null only for a
 *                                  {@link AsyncDelivery#PULL} service registered without {@code url}
 * @param routes                    other providers of the same service, chosen by the request's {@code routeId}
 * @param businessSignatureRequired whether {@code data} must carry an enveloped business signature
 * @param mode                      sync or async
 * @param delivery                  how an async service's messages reach its recipient (PUSH for a sync one)
 * @param recipient                 the senderId of the member that is the service's recipient system: the one
 *                                  that pulls its messages (required for PULL), and the one whose chain
 *                                  messages go back to the requester
 * @param retry                     an async service's own redelivery settings ({@code retry:}), empty: {@code async.*}
 * @param sla                       how long the gateway may take to get the provider's answer (sync) or to deliver an
 *                                  accepted message (async PUSH); a longer one counts as a breach
 *                                  ({@code qaqpa_provider_sla_breaches_total}); empty: none set
 */
public record Service(String serviceId, Provider provider, Map<String, Provider> routes, boolean businessSignatureRequired,
                      ServiceMode mode, AsyncDelivery delivery, Optional<String> recipient, Optional<ServiceRetry> retry,
                      Optional<Duration> sla) {

    public Service {
        Objects.requireNonNull(serviceId, "serviceId");
        routes = Map.copyOf(routes);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(sla, "sla");
        if (delivery == AsyncDelivery.PUSH) {
            Objects.requireNonNull(provider, "provider");
        } else if (recipient.isEmpty()) {
            throw new IllegalArgumentException("a PULL service needs its recipient member");
        }
    }

    /** A service without {@code sla}. */
    public Service(String serviceId, Provider provider, Map<String, Provider> routes, boolean businessSignatureRequired,
                   ServiceMode mode, AsyncDelivery delivery, Optional<String> recipient, Optional<ServiceRetry> retry) {
        this(serviceId, provider, routes, businessSignatureRequired, mode, delivery, recipient, retry, Optional.empty());
    }

    /** A service delivered by PUSH (every sync service) with no recipient member named, default redelivery settings. */
    public Service(String serviceId, Provider provider, Map<String, Provider> routes, boolean businessSignatureRequired,
                   ServiceMode mode) {
        this(serviceId, provider, routes, businessSignatureRequired, mode, AsyncDelivery.PUSH, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** Whether the member {@code senderId} is this service's recipient system. */
    public boolean isRecipient(String senderId) {
        return senderId != null && recipient.filter(senderId::equals).isPresent();
    }

    /**
     * The provider for a request's {@code routeId}: the service's own when the request names none
     * (null or blank), the route's when it names a registered one, empty for an unknown routeId (and for
     * a PULL service without {@code url}, which has no provider to call).
     */
    public Optional<Provider> provider(String routeId) {
        if (routeId == null || routeId.isBlank()) {
            return Optional.ofNullable(provider);
        }
        return Optional.ofNullable(routes.get(routeId));
    }
}
