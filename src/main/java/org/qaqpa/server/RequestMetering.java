package org.qaqpa.server;

import org.apache.cxf.message.Exchange;

/**
 * What the request metrics need on a CXF exchange: when the request arrived (set by the first in-interceptor)
 * and whether its outcome has been counted — by the route's log step, which knows its serviceId and senderId, or
 * else by {@link FaultMapper} for a request refused before its route ran.
 */
public final class RequestMetering {

    private static final String RECEIVED_NANOS = "qaqpa.receivedNanos";
    private static final String RECORDED = "qaqpa.outcomeRecorded";

    private RequestMetering() {
    }

    static void received(Exchange exchange) {
        exchange.put(RECEIVED_NANOS, System.nanoTime());
    }

    /** Nanoseconds since the request arrived; 0 when its arrival was not marked. */
    public static long elapsedNanos(Exchange exchange) {
        return exchange.get(RECEIVED_NANOS) instanceof Long received ? System.nanoTime() - received : 0;
    }

    /**
     * Marks the outcome counted; false when it already was (so a refusal after the answer was counted, by the
     * response signature, is not counted twice).
     */
    public static boolean markRecorded(Exchange exchange) {
        return exchange.put(RECORDED, Boolean.TRUE) == null;
    }
}
