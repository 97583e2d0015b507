package org.qaqpa.sandbox.eservice;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of a route for applications that came through the gateway: times the hop from the front end to the
 * provider system (the front end's {@code messageDate} to the provider's receipt) as the passport step the route
 * names, such as "signs the request; it goes to the provider's workstation through SHEP, at most 1 minute".
 */
final class GatewayHop implements Processor {

    private final StepClock steps;
    private final Clock clock;

    GatewayHop(StepClock steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Application application = exchange.getIn().getBody(Application.class);
        Duration hop = Duration.between(application.submittedAt(), clock.instant());
        steps.record(application, exchange.getProperty(ProviderStep.STEP, String.class), application.submittedAt(),
                hop.isNegative() ? Duration.ZERO : hop);
    }
}
