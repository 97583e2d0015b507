package org.qaqpa.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * A service's own redelivery settings from its {@code retry:} block in {@code services.yaml}. Each is
 * optional: an absent one is {@code async.*} of {@code qaqpa.yaml}. Kept as given (not merged with the
 * defaults here) so that a change of {@code qaqpa.yaml} still reaches the keys a service leaves out.
 */
public record ServiceRetry(Optional<Integer> maxDeliveryAttempts, Optional<Duration> redeliveryDelay,
                           Optional<Integer> redeliveryMultiplier, Optional<Duration> maxRedeliveryDelay) {
}
