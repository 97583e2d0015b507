package org.qaqpa.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-member token buckets for {@code rate-limit} (requests per second): a bucket holds up to one
 * second's worth of requests, so a member may burst to its limit after a quiet second but never
 * exceed it on average. Buckets live in this gateway node's memory: behind a load balancer with N
 * nodes a member gets up to N times its limit.
 */
final class RateLimiter {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own) */
    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one token from the member's bucket; false when it is empty. Members without a limit always pass. */
    boolean tryAcquire(Member member) {
        if (member.rateLimit().isEmpty()) {
            return true;
        }
        int perSecond = member.rateLimit().getAsInt();
        // A reloaded registry may have changed the limit: start a bucket at the new rate.
        Bucket bucket = buckets.compute(member.senderId(), (id, old) ->
                old != null && old.perSecond == perSecond ? old : new Bucket(perSecond, nanoTime.getAsLong()));
        return bucket.tryTake(nanoTime.getAsLong());
    }

    /** Tokens are counted in nanosecond-tokens (one token = one second of nanos) so refills never lose fractions. */
    private static final class Bucket {
        final int perSecond;
        private final long capacity;
        private long level;
        private long lastRefill;

        Bucket(int perSecond, long now) {
            this.perSecond = perSecond;
            this.capacity = perSecond * NANOS_PER_SECOND;
            this.level = capacity;
            this.lastRefill = now;
        }

        synchronized boolean tryTake(long now) {
            long elapsed = Math.max(0, now - lastRefill);
            lastRefill = now;
            // elapsed nanos × tokens per second = nano-tokens; saturate instead of overflowing after long idle
            long refill = elapsed > capacity / perSecond ? capacity : elapsed * perSecond;
            level = Math.min(capacity, level + refill);
            if (level < NANOS_PER_SECOND) {
                return false;
            }
            level -= NANOS_PER_SECOND;
            return true;
        }
    }
}
