package org.qaqpa.log;

import java.time.Instant;
import java.util.Objects;

/**
 * What a route hands to {@link MessageLog#record}: one request or answer as it crossed the gateway.
 * The log adds the time, the chain position and the hashes.
 *
 * <p>Text fields must fit their column and contain no control characters or unpaired surrogates:
 * the hash is taken over their UTF-8 bytes, one field per line (docs/message-log.md), so such
 * characters would make the hash ambiguous or impossible for an auditor to recompute.
 *
 * @param kind          what the row records
 * @param channel       the SOAP channel the message came through
 * @param senderId      the sender's id as it claimed it; null when the request was refused before it was read
 * @param originalSenderId for a request another gateway node passed on (its sender is that node), the member that
 *                      sent it to the first node, as the node named it ({@code qaqpa.originalSenderId}); else null
 * @param serviceId     the service called; null when not known
 * @param messageId     the sender's (or, for async, the gateway's) message id; null when not known
 * @param sessionId     the gateway's {@code {uuid}} for the exchange; every row of one exchange carries it
 * @param correlationId the sender's chain id, if any
 * @param messageDate   the date the message carries ({@code messageDate}, {@code responseDate}), if any;
 *                      stored to the microsecond
 * @param status        short state word chosen by the route, e.g. {@code RECEIVED}, {@code ANSWERED}
 * @param errorCode     the {@code errorCode} of a fault, else null
 * @param body          the exact bytes of the envelope; hashed always, stored when {@code log.store} is
 *                      {@code all}; not copied, so the caller must not change it afterwards
 */
public record LogEntry(Kind kind, Channel channel, String senderId, String originalSenderId, String serviceId,
                       String messageId, String sessionId, String correlationId, Instant messageDate, String status,
                       String errorCode, byte[] body) {

    /** What a row records. */
    public enum Kind {
        /** A request as the gateway received it. */
        REQUEST,
        /** A successful answer as the gateway sent it (or received it, for a provider's answer). */
        RESPONSE,
        /** A SOAP fault as the gateway sent or received it. */
        FAULT,
        /** An operator's action through the admin API (docs/admin-api.md): what, on what, with which outcome. */
        ADMIN
    }

    /** The channel: a SOAP channel, or the admin API. */
    public enum Channel { SYNC, ASYNC, ADMIN }

    static final int ID_LENGTH = 1000;
    static final int SESSION_ID_LENGTH = 100;
    static final int STATUS_LENGTH = 40;
    static final int ERROR_CODE_LENGTH = 80;

    public LogEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        checkText("senderId", senderId, ID_LENGTH);
        checkText("originalSenderId", originalSenderId, ID_LENGTH);
        checkText("serviceId", serviceId, ID_LENGTH);
        checkText("messageId", messageId, ID_LENGTH);
        checkText("sessionId", sessionId, SESSION_ID_LENGTH);
        checkText("correlationId", correlationId, ID_LENGTH);
        checkText("status", status, STATUS_LENGTH);
        checkText("errorCode", errorCode, ERROR_CODE_LENGTH);
    }

    /** An entry of a message that no other gateway node passed on (no original sender). */
    public LogEntry(Kind kind, Channel channel, String senderId, String serviceId, String messageId, String sessionId,
                    String correlationId, Instant messageDate, String status, String errorCode, byte[] body) {
        this(kind, channel, senderId, null, serviceId, messageId, sessionId, correlationId, messageDate, status, errorCode,
                body);
    }

    private static void checkText(String field, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " contains a control character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate");
            }
        }
    }
}
