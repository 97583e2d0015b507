package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.util.Optional;

/**
 * The officer accepts the registered application for execution: the state {@code IN_PROGRESS}, and for one sent
 * through the gateway a {@code NOTIFICATION} with that status back to its front end (FOREIGN_MEDIA_REG, Tables 2–3
 * step 5, "accepted for execution").
 */
final class AcceptApplication extends ProviderStep {

    private final StatusSender statuses;

    AcceptApplication(StepClock steps, StatusSender statuses, Clock clock) {
        super(steps, clock);
        this.statuses = statuses;
    }

    @Override
    void run(Application application) {
        application.state("IN_PROGRESS");
        statuses.notify(application, Optional.empty());
    }
}
