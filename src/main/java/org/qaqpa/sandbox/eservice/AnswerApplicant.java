package org.qaqpa.sandbox.eservice;

import java.time.Clock;

/**
 * The last step: the final state goes back to the front end as a {@code RESPONSE} — {@code REJECTED} with the reason,
 * or {@code COMPLETED} with the officer-signed result ({@link StatusSender}).
 */
final class AnswerApplicant extends ProviderStep {

    private final StatusSender statuses;

    AnswerApplicant(StepClock steps, StatusSender statuses, Clock clock) {
        super(steps, clock);
        this.statuses = statuses;
    }

    @Override
    void run(Application application) {
        statuses.notify(application, application.result());
    }

    @Override
    boolean afterRefusal() {
        return true;
    }
}
