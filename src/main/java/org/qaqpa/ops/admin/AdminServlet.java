package org.qaqpa.ops.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.registry.RegistryFiles;
import org.qaqpa.security.wss.TrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/*}: checks the bearer token, dispatches by method and path, answers JSON, and refuses with the JSON
 * error body of docs/admin-api.md (never a stack trace). Every action that changes something goes through
 * {@link AdminAudit}; reads are not logged.
 */
final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final String PASSWORD_HASH = "password-hash";

    private final transient AdminToken token;
    private final transient RegistryEditor members;
    private final transient RegistryEditor services;
    private final transient RegistryFiles registries;
    private final transient LogResource log;
    private final transient QueueResource queues;
    private final transient CrlResource crls;
    private final transient KeyResource keys;
    private final transient TrustAnchorResource anchors;
    private final transient SummaryResource summary;
    private final transient SummaryHistory history;
    private final transient IntegratorResource integrator;
    private final transient TimelineResource timeline;
    private final transient AdminAudit audit;
    private final transient ApplicationsResource applications;

    AdminServlet(AdminToken token, RegistryEditor members, RegistryEditor services, RegistryFiles registries,
                 LogResource log, QueueResource queues, CrlResource crls, KeyResource keys, TrustAnchorResource anchors,
                 SummaryResource summary, SummaryHistory history, IntegratorResource integrator, TimelineResource timeline,
                 AdminAudit audit, ApplicationsResource applications) {
        this.token = token;
        this.members = members;
        this.services = services;
        this.registries = registries;
        this.log = log;
        this.queues = queues;
        this.crls = crls;
        this.keys = keys;
        this.anchors = anchors;
        this.summary = summary;
        this.history = history;
        this.integrator = integrator;
        this.timeline = timeline;
        this.audit = audit;
        this.applications = applications;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!token.accepts(request.getHeader("Authorization"))) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"qaqpa-admin\"");
                throw new AdminException(401, AdminException.UNAUTHORIZED,
                        "missing or wrong admin token (Authorization: Bearer <token>)");
            }
            Answer answer = dispatch(request.getMethod(), segments(request), request);
            AdminJson.write(response, answer.status(), answer.body());
        } catch (AdminException e) {
            AdminJson.write(response, e.status(), AdminJson.error(e));
        } catch (Exception e) {
            LOG.error("admin {} {} failed", request.getMethod(), request.getRequestURI(), e);
            AdminJson.write(response, 500, AdminJson.error(new AdminException(500, AdminException.INTERNAL_ERROR,
                    "the gateway could not do it; its log has the details")));
        }
    }

    private record Answer(int status, Object body) {
        static Answer ok(Object body) {
            return new Answer(200, body);
        }
    }

    private Answer dispatch(String method, List<String> path, HttpServletRequest request) throws Exception {
        if (path.isEmpty()) {
            throw AdminException.notFound("no such admin resource; docs/admin-api.md lists them");
        }
        switch (path.get(0)) {
            case "members":
                return registry(members, method, path, request);
            case "services":
                return registry(services, method, path, request);
            case "log":
                if (path.size() == 3 && path.get(2).equals("timeline")) {
                    expect(method, "GET", path, 3);
                    return Answer.ok(timeline.timeline(path.get(1)));
                }
                if (path.size() == 2) {
                    expect(method, "GET", path, 2);
                    return Answer.ok(log.detail(path.get(1)));
                }
                expect(method, "GET", path, 1);
                return Answer.ok(log.search(request));
            case "queues":
                return queue(method, path, request);
            case "summary":
                if (path.size() == 2 && path.get(1).equals("history")) {
                    expect(method, "GET", path, 2);
                    return Answer.ok(history.history());
                }
                expect(method, "GET", path, 1);
                return Answer.ok(summary.summary());
            case "crls": {
                if (path.size() == 1) {
                    expect(method, "GET", path, 1);
                    return Answer.ok(crls.list());
                }
                String file = path.get(1);
                if (method.equals("DELETE")) {
                    expect(method, "DELETE", path, 2);
                    return Answer.ok(audit.record("crl.remove", file, Map.of(), () -> crls.remove(file)));
                }
                expect(method, "POST", path, 2);
                byte[] body = request.getInputStream().readNBytes(CrlUpload.MAX_BYTES + 1);
                return Answer.ok(audit.record("crl.upload", file, Map.of("bytes", body.length),
                        () -> crls.upload(file, body)));
            }
            case "keys":
                return keys(method, path, request);
            case "trust-anchors":
                return trustAnchors(method, path, request);
            case "integrator":
                return integrator(method, path, request);
            case "applications":
                expect(method, "GET", path, 1);
                return Answer.ok(applications.list(request));
            case "reload":
                expect(method, "POST", path, 1);
                return Answer.ok(audit.record("registry.reload", null, Map.of(), this::reload));
            default:
                throw AdminException.notFound("no such admin resource: " + path.get(0));
        }
    }

    private Answer registry(RegistryEditor editor, String method, List<String> path, HttpServletRequest request)
            throws IOException {
        String kind = editor.registry().entry;
        if (path.size() == 1 && method.equals("GET")) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(editor.registry().section, editor.all());
            return Answer.ok(answer);
        }
        if (path.size() == 1 && method.equals("POST")) {
            Map<String, Object> definition = AdminJson.readObject(request);
            Object id = definition.remove(editor.registry().idName);
            if (!(id instanceof String text) || text.isEmpty()) {
                throw AdminException.badRequest(editor.registry().idName, "the body needs '" + editor.registry().idName
                        + "': the id of the new " + kind);
            }
            audit.record(kind + ".add", text, withId(editor, text, definition), () -> {
                editor.add(text, definition);
                return null;
            });
            return new Answer(201, entry(editor, text));
        }
        if (path.size() == 2 && method.equals("GET")) {
            return Answer.ok(entry(editor, path.get(1)));
        }
        if (path.size() == 2 && method.equals("PUT")) {
            String id = path.get(1);
            Map<String, Object> definition = AdminJson.readObject(request);
            Object named = definition.remove(editor.registry().idName);
            if (named != null && !id.equals(named)) {
                throw AdminException.badRequest(editor.registry().idName, "the body names another "
                        + editor.registry().idName + " than the path; an id is not renamed");
            }
            audit.record(kind + ".update", id, withId(editor, id, definition), () -> {
                editor.replace(id, definition);
                return null;
            });
            return Answer.ok(entry(editor, id));
        }
        if (path.size() == 3 && method.equals("POST") && List.of("disable", "enable").contains(path.get(2))) {
            String id = path.get(1);
            boolean disable = path.get(2).equals("disable");
            audit.record(kind + "." + path.get(2), id, Map.of(), () -> {
                editor.disable(id, disable);
                return null;
            });
            return Answer.ok(entry(editor, id));
        }
        throw unsupported(method, path);
    }

    private Map<String, Object> entry(RegistryEditor editor, String id) {
        Map<String, Object> definition = editor.find(id)
                .orElseThrow(() -> AdminException.notFound("no " + editor.registry().entry + " '" + id + "'"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(editor.registry().idName, id);
        answer.put("definition", definition);
        answer.put("registered", editor == members ? registries.members().find(id).isPresent()
                : registries.services().find(id).isPresent());
        registries.problem().ifPresent(problem -> answer.put("reloadProblem", problem));
        return answer;
    }

    /** What the audit row keeps of a definition: all of it but the password hash (an offline guessing target). */
    private static Map<String, Object> withId(RegistryEditor editor, String id, Map<String, Object> definition) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(editor.registry().idName, id);
        details.putAll(definition);
        details.computeIfPresent(PASSWORD_HASH, (key, hash) -> "(set, not logged)");
        return details;
    }

    private Answer queue(String method, List<String> path, HttpServletRequest request) throws IOException {
        if (path.size() == 1) {
            expect(method, "GET", path, 1);
            return Answer.ok(queues.queues());
        }
        if (path.size() != 3) {
            throw unsupported(method, path);
        }
        String queue = path.get(1);
        switch (path.get(2)) {
            case "dead-letters":
                expect(method, "GET", path, 3);
                return Answer.ok(queues.deadLetters(queue));
            case "redeliver": {
                expect(method, "POST", path, 3);
                Map<String, Object> body = AdminJson.readObject(request);
                String messageId = requiredText(body, "messageId");
                Optional<String> senderId = Optional.ofNullable(body.get("senderId")).map(String::valueOf);
                return Answer.ok(audit.record("queue.redeliver", queue + " " + messageId, body,
                        () -> queues.redeliver(queue, messageId, senderId)));
            }
            case "purge":
                expect(method, "POST", path, 3);
                return Answer.ok(audit.record("queue.purge", queue, Map.of(), () -> queues.purge(queue)));
            default:
                throw unsupported(method, path);
        }
    }

    private Answer keys(String method, List<String> path, HttpServletRequest request) throws IOException {
        if (path.size() == 1) {
            expect(method, "GET", path, 1);
            return Answer.ok(keys.keys());
        }
        expect(method, "POST", path, 2);
        if (!path.get(1).equals("rotate")) {
            throw AdminException.notFound("no such admin resource: /admin/" + String.join("/", path));
        }
        Map<String, Object> body = AdminJson.readObject(request);
        Object upload = body.get("pkcs12");
        // neither the key nor its password goes into the log
        Map<String, Object> details = Map.of("pkcs12Chars", upload instanceof String text ? text.length() : 0);
        return Answer.ok(audit.record("key.rotate", "gateway", details, () -> keys.rotate(body)));
    }

    private Answer trustAnchors(String method, List<String> path, HttpServletRequest request) throws IOException {
        if (path.size() == 1 && method.equals("GET")) {
            return Answer.ok(anchors.list());
        }
        if (path.size() == 1 && method.equals("POST")) {
            byte[] body = request.getInputStream().readNBytes(TrustAnchors.MAX_BYTES + 1);
            Map<String, Object> added = audit.record("trust-anchor.add", null, Map.of("bytes", body.length),
                    () -> anchors.add(body));
            return new Answer(201, added);
        }
        if (path.size() == 2 && method.equals("DELETE")) {
            String serial = path.get(1);
            return Answer.ok(audit.record("trust-anchor.remove", serial, Map.of(), () -> anchors.remove(serial)));
        }
        throw unsupported(method, path);
    }

    /** The console's integrator page: reads, and signing, sending and contract runs, which are audited. */
    private Answer integrator(String method, List<String> path, HttpServletRequest request) throws IOException {
        if (path.size() != 2) {
            throw AdminException.notFound("no such admin resource: /admin/" + String.join("/", path));
        }
        switch (path.get(1)) {
            case "contract":
                expect(method, "GET", path, 2);
                return Answer.ok(integrator.contract());
            case "keys":
                expect(method, "GET", path, 2);
                return Answer.ok(integrator.keys());
            case "endpoints":
                expect(method, "GET", path, 2);
                return Answer.ok(integrator.endpoints());
            case "sign": {
                expect(method, "POST", path, 2);
                Map<String, Object> body = AdminJson.readObject(request, AdminJson.MAX_INTEGRATOR_BODY);
                return Answer.ok(audit.record("integrator.sign", keyTarget(body), xmlSize(body), () -> integrator.sign(body)));
            }
            case "send": {
                expect(method, "POST", path, 2);
                Map<String, Object> body = AdminJson.readObject(request, AdminJson.MAX_INTEGRATOR_BODY);
                return Answer.ok(audit.record("integrator.send", keyTarget(body), xmlSize(body), () -> integrator.send(body)));
            }
            case "contract-run": {
                expect(method, "POST", path, 2);
                Map<String, Object> body = AdminJson.readObject(request, AdminJson.MAX_INTEGRATOR_BODY);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("suiteChars", body.get("suite") instanceof String suite ? suite.length() : 0);
                details.put("files", body.get("files") instanceof Map<?, ?> files ? List.copyOf(files.keySet()) : List.of());
                if (body.get("endpoint") != null) {
                    details.put("endpoint", body.get("endpoint"));
                }
                return Answer.ok(audit.record("integrator.contract-run", null, details, () -> integrator.contractRun(body)));
            }
            default:
                throw AdminException.notFound("no such admin resource: /admin/" + String.join("/", path));
        }
    }

    /** The audit target of a signed request: its key(s). */
    private static String keyTarget(Map<String, Object> body) {
        return String.valueOf(body.getOrDefault("key", "legal")) + (body.get("dataKey") instanceof String data
                && !data.isBlank() ? " data:" + data : "");
    }

    /** What the audit keeps of a request to sign: its size and endpoint, not its content (it may hold personal data). */
    private static Map<String, Object> xmlSize(Map<String, Object> body) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("xmlChars", body.get("xml") instanceof String xml ? xml.length() : 0);
        if (body.get("endpoint") != null) {
            details.put("endpoint", body.get("endpoint"));
        }
        return details;
    }

    private Map<String, Object> reload() {
        registries.checkNow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("members", registries.members().size());
        answer.put("services", registries.services().size());
        answer.put("problem", registries.problem().orElse(null));
        return answer;
    }

    private static String requiredText(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw AdminException.badRequest(key, "the body needs '" + key + "'");
        }
        return text;
    }

    private static void expect(String method, String expected, List<String> path, int length) {
        if (path.size() != length) {
            throw AdminException.notFound("no such admin resource: /admin/" + String.join("/", path));
        }
        if (!method.equals(expected)) {
            throw unsupported(method, path);
        }
    }

    private static AdminException unsupported(String method, List<String> path) {
        return new AdminException(405, AdminException.METHOD_NOT_ALLOWED,
                method + " /admin/" + String.join("/", path) + " is not an admin operation");
    }

    /** The decoded path below {@code /admin/}, split at '/'. */
    private static List<String> segments(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return List.of();
        }
        return Arrays.stream(info.substring(1).split("/", -1)).toList();
    }
}
