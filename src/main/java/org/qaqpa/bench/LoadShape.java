package org.qaqpa.bench;

import java.time.Duration;

/**
 * The shape of a closed-loop run, common to every scenario: a warm-up at low concurrency (on two cores the
 * JIT needs tens of seconds under load before the figures settle, issue [8/10]), then the measured period.
 *
 * @param maxMessages the most requests the measured period sends (each is signed in advance): the run's
 *                    bound in count, beside {@code duration}, its bound in time
 */
public record LoadShape(int concurrency, Duration duration, Duration warmup, int warmupConcurrency, Payload payload,
                        int maxMessages) {

    public LoadShape {
        if (concurrency < 1 || warmupConcurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("max messages must be at least 1");
        }
    }

    /** The same load with another warm-up length. */
    public LoadShape withWarmup(Duration newWarmup) {
        return new LoadShape(concurrency, duration, newWarmup, warmupConcurrency, payload, maxMessages);
    }
}
