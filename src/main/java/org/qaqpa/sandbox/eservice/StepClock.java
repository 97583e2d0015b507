package org.qaqpa.sandbox.eservice;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.qaqpa.registry.ServicePassport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the regulation's steps of applications against their passports' limits: each timing goes into the
 * application's timeline and the {@link StepMetrics}, and a step over its limit is logged as a breach of the
 * regulation's time limit.
 */
public final class StepClock {

    private static final Logger LOG = LoggerFactory.getLogger(StepClock.class);

    private final Map<String, ServicePassport> passports;
    private final StepMetrics metrics;

    /** @param passports by service id */
    public StepClock(Map<String, ServicePassport> passports, StepMetrics metrics) {
        this.passports = passports;
        this.metrics = metrics;
    }

    /** The passport of {@code service}. */
    public ServicePassport passport(String service) {
        ServicePassport passport = passports.get(service);
        if (passport == null) {
            throw new IllegalArgumentException("no passport for the e-service '" + service + "'");
        }
        return passport;
    }

    /** Records that {@code stepId} of the application's service started at {@code started} and took {@code duration}. */
    public Application.StepTiming record(Application application, String stepId, Instant started, Duration duration) {
        ServicePassport.Step step = passport(application.service()).step(stepId).orElseThrow(() ->
                new IllegalArgumentException("the passport of " + application.service() + " has no step '" + stepId + "'"));
        Application.StepTiming timing = new Application.StepTiming(step.id(), step.name(), started, duration.toMillis(),
                step.limit().map(Duration::toMillis).orElse(0L));
        application.timed(timing);
        metrics.record(application.service(), timing);
        if (timing.breached()) {
            LOG.warn("{} {} step {} ({}) took {} ms, over its limit of {} ms", application.service(), application.number(),
                    step.id(), step.name(), timing.millis(), timing.limitMillis());
        }
        return timing;
    }
}
