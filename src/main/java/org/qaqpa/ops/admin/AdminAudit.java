package org.qaqpa.ops.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.util.json.Jsoner;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.server.SessionIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every admin action (not the reads) to the tamper-evident message log, on the gateway's own chain, as a
 * row of kind and channel {@code ADMIN}: sender {@value #SENDER}, the action in {@code service_id}
 * ({@code member.add}), the target in {@code message_id} ({@code dev-client}), the outcome in {@code status}
 * ({@code DONE}, {@code REFUSED}, {@code FAILED}), a refusal's code in {@code error_code}, and as the hashed body a
 * JSON document with all of it and the request's details (the definition sent). So {@code GET
 * /admin/log?sender=admin} lists them, and {@code qaqpa log verify} covers them.
 */
final class AdminAudit {

    /** The sender of admin rows: the holder of the admin token. */
    static final String SENDER = "admin";
    static final String DONE = "DONE";
    static final String REFUSED = "REFUSED";
    static final String FAILED = "FAILED";

    /** The length of {@code message_id} in the message log. */
    private static final int MAX_TARGET = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AdminAudit.class);

    private final MessageLog log;

    AdminAudit(MessageLog log) {
        this.log = log;
    }

    /**
     * Runs {@code action} and records its outcome, then returns its answer or rethrows its failure.
     *
     * @param name    what is done, e.g. {@code member.add}
     * @param target  on what, e.g. the senderId; null when it acts on the whole gateway
     * @param details what the request carried, kept in the row's body
     */
    <T> T record(String name, String target, Map<String, Object> details, Supplier<T> action) {
        T answer;
        try {
            answer = action.get();
        } catch (AdminException e) {
            write(name, target, details, e.status() >= 500 ? FAILED : REFUSED, e.code(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            write(name, target, details, FAILED, AdminException.INTERNAL_ERROR, e.toString());
            throw e;
        }
        write(name, target, details, DONE, null, null);
        return answer;
    }

    /**
     * The target as the log's {@code message_id} column takes it: a target comes from the request (an id not checked
     * yet, a messageId), and a refused request is logged too, so control characters become '?' and it is cut to the
     * column's length; the body keeps it as sent.
     */
    private static String column(String target) {
        if (target == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        target.codePoints().limit(MAX_TARGET).forEach(c -> clean.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.SURROGATE ? '?' : c));
        return clean.length() > MAX_TARGET ? clean.substring(0, MAX_TARGET) : clean.toString();
    }

    private void write(String name, String target, Map<String, Object> details, String outcome, String errorCode,
                       String problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", name);
        body.put("target", target);
        body.put("outcome", outcome);
        if (problem != null) {
            body.put("problem", problem);
        }
        body.put("request", details);
        String sessionId = SessionIds.newSessionId();
        log.record(new LogEntry(LogEntry.Kind.ADMIN, LogEntry.Channel.ADMIN, SENDER, name, column(target), sessionId, null,
                null, outcome, errorCode, Jsoner.serialize(body).getBytes(StandardCharsets.UTF_8)));
        LOG.info("admin {} {}: {}{}", name, target == null ? "" : target, outcome, problem == null ? "" : " (" + problem + ")");
    }
}
