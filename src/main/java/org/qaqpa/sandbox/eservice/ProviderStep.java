package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One step of a provider system's route (routes/services/*.yaml): works on the {@link Application} in the body and is
 * timed as the passport step the route names in the exchange property {@value #STEP}. Once an application is refused,
 * the steps after the refusal have nothing to do ({@link #afterRefusal()} says which still run: the answer).
 */
abstract class ProviderStep implements Processor {

    /** Exchange property: the passport step id the next step is timed as ({@code setProperty} in the route). */
    static final String STEP = "QaqpaStep";

    final StepClock steps;
    final Clock clock;

    ProviderStep(StepClock steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    public final void process(Exchange exchange) {
        Application application = exchange.getIn().getBody(Application.class);
        if (application.refusal().isPresent() && !afterRefusal()) {
            return;
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        run(application);
        String stepId = exchange.getProperty(STEP, String.class);
        if (stepId != null) {
            steps.record(application, stepId, started, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    abstract void run(Application application);

    /** Whether the step runs for a refused application too. */
    boolean afterRefusal() {
        return false;
    }
}
