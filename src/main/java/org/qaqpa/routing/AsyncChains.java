package org.qaqpa.routing;

import java.util.List;
import java.util.Optional;
import org.qaqpa.async.DeliveryStateStore;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.registry.Service;

/**
 * Decides, at acceptance, whom a chain message ({@code NOTIFICATION}, {@code UPDATE}, {@code RESPONSE})
 * goes to. SHEP delivers the answer to a REQUEST to the member that sent that REQUEST, not to the
 * service's provider:
 *
 * <ul>
 *   <li>its {@code correlationId} names an accepted REQUEST of the same service, and someone other than
 *       that REQUEST's sender sends it: back to the REQUEST's sender (the requester);</li>
 *   <li>the REQUEST's sender sends it (a follow-up of its own request): to the service's recipient;</li>
 *   <li>no such REQUEST, and the service's recipient sends it: {@code MESSAGE_NOT_FOUND} — an answer to
 *       nothing would otherwise be delivered to the recipient itself;</li>
 *   <li>no such REQUEST otherwise: to the service's recipient, as any message.</li>
 * </ul>
 *
 * Should two senders have used the same messageId for REQUESTs of one service, the first accepted is
 * the requester.
 */
final class AsyncChains {

    private final DeliveryStateStore states;

    AsyncChains(DeliveryStateStore states) {
        this.states = states;
    }

    /** The member the chain message of {@code senderId} goes back to; empty: to the service's recipient. */
    Optional<String> requester(Service service, String senderId, String correlationId) {
        List<String> requesters = states.requestSenders(correlationId, service.serviceId());
        if (requesters.isEmpty()) {
            if (service.isRecipient(senderId)) {
                throw new QaqpaFault(ErrorCode.MESSAGE_NOT_FOUND, "No REQUEST of serviceId '"
                        + PrintableText.of(service.serviceId()) + "' with messageId '" + PrintableText.of(correlationId)
                        + "' was accepted; the correlationId of an answer must name the REQUEST it answers.");
            }
            return Optional.empty();
        }
        return requesters.contains(senderId) ? Optional.empty() : Optional.of(requesters.get(0));
    }
}
