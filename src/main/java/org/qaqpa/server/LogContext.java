package org.qaqpa.server;

import org.apache.cxf.message.Exchange;
import org.qaqpa.error.PrintableText;
import org.slf4j.MDC;

/**
 * The ids of the exchange a thread is processing, on every log line it writes meanwhile (SLF4J MDC, the keys
 * {@value #SESSION_ID} and {@value #MESSAGE_ID}). Set where the request is read and kept on the CXF exchange too,
 * so that the answer's interceptors set them again ({@link LogContextInterceptor} says why); cleared when the HTTP dispatch ends ({@link LogContextFilter}) or the
 * delivery is done.
 */
public final class LogContext {

    public static final String SESSION_ID = "sessionId";
    public static final String MESSAGE_ID = "messageId";
    /** Key of the (escaped, cut) messageId on the CXF exchange. */
    private static final String EXCHANGE_MESSAGE_ID = "qaqpa.log.messageId";
    /** A sender's messageId can be long and hold anything: the MDC keeps at most this much of it, escaped. */
    private static final int MAX_ID = 160;

    private LogContext() {
    }

    /** This thread now works on {@code exchange}: its session id and, once read, its message id. */
    static void of(Exchange exchange) {
        session(SessionIds.of(exchange));
        if (exchange.get(EXCHANGE_MESSAGE_ID) instanceof String messageId) {
            MDC.put(MESSAGE_ID, messageId);
        }
    }

    /** A new exchange on this thread: its session id, no message id yet. */
    public static void session(String sessionId) {
        MDC.remove(MESSAGE_ID);
        if (sessionId != null) {
            MDC.put(SESSION_ID, sessionId);
        }
    }

    /**
     * The message id the request states (or the gateway assigned), escaped and cut as the message log keeps it.
     *
     * @param exchange the CXF exchange the request came in on, null when there is none (a delivery from the queue)
     */
    public static void message(Exchange exchange, String messageId) {
        if (messageId == null) {
            return;
        }
        String shown = PrintableText.of(messageId, MAX_ID);
        MDC.put(MESSAGE_ID, shown);
        if (exchange != null) {
            exchange.put(EXCHANGE_MESSAGE_ID, shown);
        }
    }

    public static void clear() {
        MDC.remove(SESSION_ID);
        MDC.remove(MESSAGE_ID);
    }
}
