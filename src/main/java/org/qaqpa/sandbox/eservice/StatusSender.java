package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * Tells an application's front end its state through the gateway: a {@code NOTIFICATION} for {@code RECEIVED} and
 * {@code IN_PROGRESS}, a {@code RESPONSE} for the final {@code REJECTED} (with the reason) or {@code COMPLETED} (with
 * the signed result), each in the async chain the application's {@code REQUEST} started. An application entered at
 * the provider's office has no chain and is not told through the gateway.
 */
final class StatusSender {

    private final GatewayLink gateway;
    private final StepClock steps;
    private final Clock clock;

    StatusSender(GatewayLink gateway, StepClock steps, Clock clock) {
        this.gateway = gateway;
        this.steps = steps;
        this.clock = clock;
    }

    void notify(Application application, Optional<Document> signedResult) {
        if (application.chainId().isEmpty()) {
            return;
        }
        boolean last = "REJECTED".equals(application.state()) || "COMPLETED".equals(application.state());
        gateway.send(steps.passport(application.service()).applicationService(), last ? "RESPONSE" : "NOTIFICATION",
                application.chainId().get(), EServiceXml.status(application.service(), application.number(), application.state(),
                        clock.instant(), application.refusal(), signedResult));
    }
}
