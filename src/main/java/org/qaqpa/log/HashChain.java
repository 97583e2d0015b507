package org.qaqpa.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of a message-log row: SHA-256 over a canonical text of its fields and the previous row's
 * hash, so that changing or removing any row breaks the link to the next one.
 *
 * <p>The text is meant to be rebuilt by an auditor with nothing but the database and
 * {@code sha256sum}: one line per field, {@code name=value\n}, in a fixed order after a version
 * line; a NULL is the bare name with no {@code =}; times are UTC with exactly six fractional
 * digits; hashes are lowercase hex. Field values hold no control characters ({@link LogEntry}
 * refuses them), so a line break can only end a field. {@code original_sender_id}, added later, is a line
 * only when it is set, so that rows written before it existed keep their hashes. docs/message-log.md has a
 * worked example.
 */
public final class HashChain {

    /** The {@code prevHash} of the first row of every chain. */
    public static final String GENESIS = "0".repeat(64);

    /** First line of the canonical text; a new encoding would get a new version line. */
    static final String VERSION_LINE = "qaqpa-log-row-v1";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private HashChain() {
    }

    /** The lowercase hex {@code rowHash} of a row, from every field but {@code id} and {@code rowHash} itself. */
    public static String rowHash(LoggedRow row) {
        return sha256Hex(canonicalText(row).getBytes(StandardCharsets.UTF_8));
    }

    /** The text {@link #rowHash} hashes (as UTF-8). */
    static String canonicalText(LoggedRow row) {
        StringBuilder text = new StringBuilder(512).append(VERSION_LINE).append('\n');
        field(text, "chain_id", row.chainId());
        field(text, "chain_position", Long.toString(row.position()));
        field(text, "logged_at", time(row.loggedAt()));
        field(text, "kind", row.kind().name());
        field(text, "channel", row.channel().name());
        field(text, "sender_id", row.senderId());
        if (row.originalSenderId() != null) {
            field(text, "original_sender_id", row.originalSenderId());
        }
        field(text, "service_id", row.serviceId());
        field(text, "message_id", row.messageId());
        field(text, "session_id", row.sessionId());
        field(text, "correlation_id", row.correlationId());
        field(text, "message_date", row.messageDate() == null ? null : time(row.messageDate()));
        field(text, "status", row.status());
        field(text, "error_code", row.errorCode());
        field(text, "size_bytes", Long.toString(row.sizeBytes()));
        field(text, "body_sha256", row.bodySha256());
        field(text, "prev_hash", row.prevHash());
        return text.toString();
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name);
        if (value != null) {
            text.append('=').append(value);
        }
        text.append('\n');
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The precision of every time in the log: what H2 and PostgreSQL store in a {@code TIMESTAMP}. */
    static Instant toMicros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
