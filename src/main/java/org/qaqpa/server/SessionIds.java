package org.qaqpa.server;

import java.util.UUID;
import org.apache.cxf.message.Exchange;

/**
 * The SHEP session id ({@code {uuid}} in braces) the gateway gives every request it receives; it
 * appears in responses and faults and identifies the request in the gateway log.
 */
public final class SessionIds {

    /** Key of the session id on the CXF exchange. */
    public static final String EXCHANGE_KEY = "qaqpa.sessionId";

    private SessionIds() {
    }

    public static String newSessionId() {
        return "{" + UUID.randomUUID() + "}";
    }

    /** The exchange's session id, assigning one if the request has none yet. */
    public static String of(Exchange exchange) {
        Object id = exchange.get(EXCHANGE_KEY);
        if (id instanceof String existing) {
            return existing;
        }
        String assigned = newSessionId();
        exchange.put(EXCHANGE_KEY, assigned);
        return assigned;
    }
}
