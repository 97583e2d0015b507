package org.qaqpa.routing;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.qaqpa.error.PrintableText;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;

/**
 * Writes message-log rows for an exchange, with the fields the route has established so far in its
 * headers (sender, service and ids as the request states them, or as the gateway assigned them; the
 * gateway's sessionId) and the channel the request reader named ({@link #CHANNEL}, sync by default).
 */
final class ExchangeLog {

    /** Exchange property set once the request row is written. */
    static final String REQUEST_LOGGED = "QaqpaRequestLogged";
    /** Exchange property holding the bytes a provider answered with, when its answer was refused. */
    static final String PROVIDER_BYTES = "QaqpaProviderBytes";
    /** Exchange property holding the {@link LogEntry.Channel} of the exchange. */
    static final String CHANNEL = "QaqpaChannel";

    /** Escaped, at most six characters per code point: below the log's column width of 1000. */
    private static final int MAX_ID = 160;

    private final MessageLog log;

    ExchangeLog(MessageLog log) {
        this.log = log;
    }

    void record(Exchange exchange, LogEntry.Kind kind, String status, String errorCode, byte[] body) {
        var in = exchange.getIn();
        LogEntry.Channel channel = exchange.getProperty(CHANNEL, LogEntry.Channel.SYNC, LogEntry.Channel.class);
        log.record(new LogEntry(kind, channel,
                printable(in.getHeader(Headers.SENDER_ID, String.class)),
                printable(in.getHeader(Headers.ORIGINAL_SENDER_ID, String.class)),
                printable(in.getHeader(Headers.SERVICE_ID, String.class)),
                printable(in.getHeader(Headers.MESSAGE_ID, String.class)),
                in.getHeader(Headers.SESSION_ID, String.class),
                printable(in.getHeader(Headers.CORRELATION_ID, String.class)),
                in.getHeader(Headers.MESSAGE_DATE, Instant.class), status, errorCode, body == null ? new byte[0] : body));
    }

    /**
     * Ids as the sender wrote them may hold control characters or be long; the log keeps them
     * escaped and cut (the exact values stay in the stored envelope and its hash).
     */
    private static String printable(String value) {
        return value == null ? null : PrintableText.of(value, MAX_ID);
    }

    static byte[] requestBytes(Exchange exchange) {
        return exchange.getProperty(RequestContextProcessor.REQUEST_BYTES, byte[].class);
    }
}
