package org.qaqpa.routing;

import java.util.Optional;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.Member;
import org.qaqpa.registry.MemberRegistry;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceRegistry;

/**
 * Decides where a queued async message goes, from the registries as they are at delivery time. A chain
 * message going back to its requester ({@link AcceptedMessage#requesterId()}) is PUSHed to the
 * requester's {@code async-url} — its answer signed as the member's certificate binding says — or, when
 * it has none (or is no longer registered), put into its inbox. Any other message: a PULL service's
 * into its recipient member's inbox, a PUSH service's to the provider registered for its serviceId
 * (and routeId) — passed on ({@link AsyncDestination.Forward}) when that provider is a gateway node. On a
 * regional node a serviceId (and routeId) not served here goes to the upstream, the national gateway.
 */
final class AsyncDestinations {

    private final ServiceRegistry services;
    private final MemberRegistry members;
    private final Optional<Provider> upstream;

    /** @param upstream the national gateway's async channel, on a regional node */
    AsyncDestinations(ServiceRegistry services, MemberRegistry members, Optional<Provider> upstream) {
        this.services = services;
        this.members = members;
        this.upstream = upstream;
    }

    /** @throws QaqpaFault {@code SERVICE_NOT_FOUND} when the service, or its route, is no longer registered */
    AsyncDestination of(AcceptedMessage message) {
        if (message.requesterId() != null) {
            return toRequester(message.requesterId());
        }
        Optional<Service> service = services.find(message.serviceId());
        if (service.isPresent() && service.get().delivery() == AsyncDelivery.PULL) {
            return new AsyncDestination.Pull(service.get().recipient().orElseThrow());
        }
        Optional<Provider> provider = service.flatMap(s -> s.provider(message.routeId()));
        if (provider.isEmpty() && upstream.isPresent()) {
            return new AsyncDestination.Forward(upstream.get());
        }
        Provider recipient = provider.orElseThrow(() -> gone(message));
        return recipient.node() ? new AsyncDestination.Forward(recipient) : new AsyncDestination.Push(recipient);
    }

    private AsyncDestination toRequester(String requesterId) {
        Optional<Provider> endpoint = members.find(requesterId).flatMap(Member::asyncEndpoint);
        return endpoint.<AsyncDestination>map(AsyncDestination.Push::new).orElseGet(() -> new AsyncDestination.Pull(requesterId));
    }

    private static QaqpaFault gone(AcceptedMessage message) {
        return new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No recipient is registered any more for serviceId '"
                + PrintableText.of(message.serviceId()) + "' and routeId '" + PrintableText.of(message.routeId()) + "'.");
    }
}
