package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The provider system registers the application: a number ({@code SERVICE-yyyyMMdd-NNNNNN}), the state
 * {@code RECEIVED}, and for one sent through the gateway a {@code NOTIFICATION} with that status back to its front end.
 */
final class RegisterApplication extends ProviderStep {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final StatusSender statuses;
    private final AtomicLong sequence = new AtomicLong();

    RegisterApplication(StepClock steps, StatusSender statuses, Clock clock) {
        super(steps, clock);
        this.statuses = statuses;
    }

    @Override
    void run(Application application) {
        application.number(application.service() + "-" + DAY.format(clock.instant()) + "-"
                + String.format("%06d", sequence.incrementAndGet()));
        application.state("RECEIVED");
        statuses.notify(application, Optional.empty());
    }
}
