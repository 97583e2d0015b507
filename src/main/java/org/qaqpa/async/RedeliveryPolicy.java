package org.qaqpa.async;

import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.registry.ServiceRetry;

/**
 * How the broker retries the deliveries of one delivery queue: {@code async.*} of qaqpa.yaml, or those
 * with a service's {@code retry:} overrides. Becomes the queue's Artemis address settings, the only
 * place retries are decided.
 */
public record RedeliveryPolicy(int maxDeliveryAttempts, Duration redeliveryDelay, int redeliveryMultiplier,
                               Duration maxRedeliveryDelay) {

    /** The defaults of every async service: {@code async.*}. */
    public static RedeliveryPolicy of(GatewayConfig.Async async) {
        return new RedeliveryPolicy(async.maxDeliveryAttempts(), async.redeliveryDelay(), async.redeliveryMultiplier(),
                async.maxRedeliveryDelay());
    }

    /** This policy with what a service's {@code retry:} block sets. */
    public RedeliveryPolicy with(ServiceRetry retry) {
        return new RedeliveryPolicy(retry.maxDeliveryAttempts().orElse(maxDeliveryAttempts),
                retry.redeliveryDelay().orElse(redeliveryDelay),
                retry.redeliveryMultiplier().orElse(redeliveryMultiplier),
                retry.maxRedeliveryDelay().orElse(maxRedeliveryDelay));
    }

    /**
     * The address settings of a delivery queue: a failed attempt is rolled back and comes again after a
     * growing delay (never a tight loop against a recipient that is down); after the last attempt it moves
     * to the dead-letter queue, which keeps the original address in {@code _AMQ_ORIG_ADDRESS}.
     */
    AddressSettings addressSettings() {
        return new AddressSettings()
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelay.toMillis())
                .setRedeliveryMultiplier(redeliveryMultiplier)
                .setMaxRedeliveryDelay(maxRedeliveryDelay.toMillis())
                .setDeadLetterAddress(SimpleString.of(DeliveryQueue.DEAD_LETTERS));
    }
}
