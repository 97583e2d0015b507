package org.qaqpa.ops.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /admin/applications}: the e-service applications of the sandbox running in this process, newest first,
 * each with its timeline; filtered by {@code service} and {@code state}, at most {@code limit}. Without a sandbox:
 * {@code {"sandbox": false, "applications": []}} (the applications live in the provider systems, not the gateway).
 */
final class ApplicationsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Supplier<Optional<ApplicationSource>> source;

    /** @param source the sandbox's applications, read at each request (the sandbox's e-services start after the gateway) */
    ApplicationsResource(Supplier<Optional<ApplicationSource>> source) {
        this.source = source;
    }

    Map<String, Object> list(HttpServletRequest request) {
        return list(LogResource.text(request, "service"), LogResource.text(request, "state"), limit(request));
    }

    /** The answer for the filters given (empty: any) and at most {@code limit} applications. */
    Map<String, Object> list(Optional<String> service, Optional<String> state, int limit) {
        Optional<ApplicationSource> sandbox = source.get();
        List<ApplicationView> matching = sandbox.map(ApplicationSource::applications).orElse(List.of()).stream()
                .filter(a -> service.isEmpty() || service.get().equals(a.service()))
                .filter(a -> state.isEmpty() || state.get().equals(a.state()))
                .sorted(Comparator.comparing(ApplicationView::submittedAt).reversed())
                .toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        matching.stream().limit(limit).forEach(application -> rows.add(json(application)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sandbox", sandbox.isPresent());
        answer.put("total", matching.size());
        answer.put("applications", rows);
        return answer;
    }

    private static int limit(HttpServletRequest request) {
        Optional<String> value = LogResource.text(request, "limit");
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Map<String, Object> json(ApplicationView a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", a.service());
        row.put("channel", a.channel());
        row.put("number", a.number().orElse(null));
        row.put("state", a.state());
        row.put("refusalCode", a.refusalCode().orElse(null));
        row.put("refusal", a.refusalText().orElse(null));
        row.put("resultNumber", a.resultNumber().orElse(null));
        row.put("resultSigner", a.resultSigner().orElse(null));
        row.put("chainId", a.chainId().orElse(null));
        row.put("sessionId", a.sessionId().orElse(null));
        row.put("applicantId", a.applicantId());
        row.put("frontEnd", a.frontEnd());
        row.put("submittedAt", a.submittedAt().toString());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (ApplicationView.Step step : a.timeline()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stepId", step.stepId());
            s.put("name", step.name());
            s.put("started", step.started().toString());
            s.put("millis", step.millis());
            s.put("limitMillis", step.limitMillis() == 0 ? null : step.limitMillis());
            s.put("breached", step.breached());
            timeline.add(s);
        }
        row.put("timeline", timeline);
        return row;
    }
}
