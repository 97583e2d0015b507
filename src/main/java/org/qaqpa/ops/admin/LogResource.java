package org.qaqpa.ops.admin;

import jakarta.servlet.http.HttpServletRequest;
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
import org.qaqpa.log.MessageLogSearch;

/** {@code GET /admin/log}: the message-log search of {@link MessageLogSearch}, its parameters and its JSON. */
final class LogResource {

    static final int DEFAULT_LIMIT = 50;

    private final MessageLogSearch search;

    LogResource(MessageLogSearch search) {
        this.search = search;
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

    private static Map<String, Object> entry(LoggedRow row) {
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
        return entry;
    }

    private static Optional<String> text(HttpServletRequest request, String name) {
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
