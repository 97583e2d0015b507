package org.qaqpa.routing;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.qaqpa.error.PrintableText;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;

/**
 * Writes message-log rows for a sync exchange, with the fields the route has established so far
 * (sender, service and ids as the request states them; the gateway's sessionId).
 */
final class ExchangeLog {

    /** Exchange property set once the request row is written. */
    static final String REQUEST_LOGGED = "QaqpaRequestLogged";
    /** Exchange property holding the bytes a provider answered with, when its answer was refused. */
    static final String PROVIDER_BYTES = "QaqpaProviderBytes";

    /** Escaped, at most six characters per code point: below the log's column width of 1000. */
    private static final int MAX_ID = 160;

    private final MessageLog log;

    ExchangeLog(MessageLog log) {
        this.log = log;
    }

    void record(Exchange exchange, LogEntry.Kind kind, String status, String errorCode, byte[] body) {
        SyncMessageInfo info = exchange.getProperty(SyncRequestReader.REQUEST_INFO, SyncMessageInfo.class);
        var in = exchange.getIn();
        log.record(new LogEntry(kind, LogEntry.Channel.SYNC,
                printable(info == null || info.getSender() == null ? null : info.getSender().getSenderId()),
                printable(in.getHeader(Headers.SERVICE_ID, String.class)),
                printable(in.getHeader(Headers.MESSAGE_ID, String.class)),
                in.getHeader(Headers.SESSION_ID, String.class),
                printable(info == null ? null : info.getCorrelationId()),
                messageDate(info), status, errorCode, body == null ? new byte[0] : body));
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

    private static Instant messageDate(SyncMessageInfo info) {
        return info == null || info.getMessageDate() == null ? null
                : info.getMessageDate().toGregorianCalendar().toInstant();
    }
}
