package org.qaqpa.routing;

import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.AsyncDelivery;
import org.qaqpa.registry.Service;
import org.qaqpa.registry.ServiceRegistry;

/**
 * Decides where a queued async message goes, from the registry as it is at delivery time: a PULL
 * service's messages into its recipient member's inbox, a PUSH service's to the provider registered
 * for its serviceId (and routeId).
 */
final class AsyncDestinations {

    private final ServiceRegistry services;

    AsyncDestinations(ServiceRegistry services) {
        this.services = services;
    }

    /** @throws QaqpaFault {@code SERVICE_NOT_FOUND} when the service, or its route, is no longer registered */
    AsyncDestination of(AcceptedMessage message) {
        Service service = services.find(message.serviceId()).orElseThrow(() -> gone(message));
        if (service.delivery() == AsyncDelivery.PULL) {
            return new AsyncDestination.Pull(service.recipient().orElseThrow());
        }
        return new AsyncDestination.Push(service.provider(message.routeId()).orElseThrow(() -> gone(message)));
    }

    private static QaqpaFault gone(AcceptedMessage message) {
        return new QaqpaFault(ErrorCode.SERVICE_NOT_FOUND, "No recipient is registered any more for serviceId '"
                + PrintableText.of(message.serviceId()) + "' and routeId '" + PrintableText.of(message.routeId()) + "'.");
    }
}
