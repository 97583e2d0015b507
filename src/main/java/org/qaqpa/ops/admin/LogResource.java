package org.qaqpa.ops.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.log.MessageLogSearch;

/**
 * {@code GET /admin/log}: the message-log search of {@link MessageLogSearch}, its parameters and its JSON; and
 * {@code GET /admin/log/{id}}: one row with its stored envelope and the other rows of its exchange (what
 * {@code qaqpa log show --bodies} prints), for the console's detail view.
 */
final class LogResource {

    static final int DEFAULT_LIMIT = 50;

    private final MessageLogSearch search;
    private final MessageLogReader reader;
    private final LogSignatures signatures;

    LogResource(MessageLogSearch search, MessageLogReader reader, LogSignatures signatures) {
        this.search = search;
        this.reader = reader;
        this.signatures = signatures;
    }

    Map<String, Object> search(HttpServletRequest request) throws SQLException {
        MessageLogSearch.Query query = new MessageLogSearch.Query(text(request, "sender"), text(request, "service"),
                text(request, "sessionId"), text(request, "errorCode"), instant(request, "from"), instant(request, "to"),
                limit(request), after(request));
        MessageLogSearch.Page page;
        try {
            page = search.search(query);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("after", e.getMessage());
        }
        List<Map<String, Object>> entries = new ArrayList<>(page.rows().size());
        page.rows().forEach(row -> entries.add(entry(row)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entries", entries);
        answer.put("next", page.next().isPresent() ? String.valueOf(page.next().getAsLong()) : null);
        return answer;
    }

    /**
     * Row {@code id}: {@code {"entry": {…}, "envelope": "…" or null, "exchange": [{…}, …]}}, the exchange being every
     * row with the same sessionId, oldest first (empty for a row without one); {@code "signatures"} by {@link LogSignatures}.
     */
    Map<String, Object> detail(String id) throws SQLException {
        long rowId = rowId(id);
        LoggedRow row = reader.find(rowId).orElseThrow(() -> AdminException.notFound("no message-log row " + rowId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entry", entry(row));
        answer.put("envelope", reader.body(rowId).map(body -> new String(body, StandardCharsets.UTF_8)).orElse(null));
        List<Map<String, Object>> exchange = new ArrayList<>();
        if (row.sessionId() != null) {
            reader.exchange(row.sessionId()).stream().limit(MessageLogSearch.MAX_LIMIT).forEach(other -> exchange.add(entry(other)));
        }
        answer.put("exchange", exchange);
        answer.put("signatures", signatures.of(row));
        return answer;
    }

    /** The {@code {id}} of {@code /admin/log/{id}…} as a row id, or a 400 naming {@code id}. */
    static long rowId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("id", "the id of a log row is a whole number (the 'id' of a search result)");
        }
    }

    /** A row as the search and the detail view answer it (also the timeline's rows, docs/admin-api.md). */
    static Map<String, Object> entry(LoggedRow row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", row.id());
        entry.put("loggedAt", row.loggedAt().toString());
        entry.put("kind", row.kind().name());
        entry.put("channel", row.channel().name());
        entry.put("senderId", row.senderId());
        entry.put("originalSenderId", row.originalSenderId());
        entry.put("serviceId", row.serviceId());
        entry.put("messageId", row.messageId());
        entry.put("sessionId", row.sessionId());
        entry.put("correlationId", row.correlationId());
        entry.put("messageDate", row.messageDate() == null ? null : row.messageDate().toString());
        entry.put("status", row.status());
        entry.put("errorCode", row.errorCode());
        entry.put("sizeBytes", row.sizeBytes());
        entry.put("chainId", row.chainId());
        entry.put("chainPosition", row.position());
        entry.put("rowHash", row.rowHash());
        entry.put("bodySha256", row.bodySha256());
        return entry;
    }

    /** A query parameter, empty when absent or empty; refused over 1000 characters. */
    static Optional<String> text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 1000) {
            throw AdminException.badRequest(name, name + " is longer than 1000 characters");
        }
        return Optional.of(value);
    }

    private static Optional<Instant> instant(HttpServletRequest request, String name) {
        return text(request, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw AdminException.badRequest(name, name + " must be an ISO-8601 instant such as 2026-12-06T10:15:30Z");
            }
        });
    }

    private static int limit(HttpServletRequest request) {
        Optional<String> value = text(request, "limit");
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MessageLogSearch.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw AdminException.badRequest("limit", "limit must be a whole number from 1 to " + MessageLogSearch.MAX_LIMIT);
    }

    private static OptionalLong after(HttpServletRequest request) {
        Optional<String> value = text(request, "after");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long after = Long.parseLong(value.get());
            if (after > 0) {
                return OptionalLong.of(after);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw AdminException.badRequest("after", "after must be the 'next' cursor of the page before");
    }
}
