package org.qaqpa.ops.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.Jsoner;

/**
 * JSON in and out of the admin API, with Camel's small JSON library ({@code camel-util-json}, already on the class
 * path through camel-main: the project has no Jackson, and the admin API needs no data binding). Request bodies
 * become plain maps, lists, strings, booleans and numbers ({@code Long} when whole, else {@code Double}).
 */
final class AdminJson {

    /** Request bodies are definitions of a few hundred bytes; a larger one is refused unread. */
    static final int MAX_BODY = 64 * 1024;
    /**
     * The integrator routes' bodies: an envelope to sign, or a contract suite with its request templates and expected
     * documents, which can be large (a 1 MB payload case of a suite).
     */
    static final int MAX_INTEGRATOR_BODY = 8 * 1024 * 1024;

    private AdminJson() {
    }

    /** The request body as a JSON object of at most {@link #MAX_BODY} bytes; an empty body is an empty object. */
    static Map<String, Object> readObject(HttpServletRequest request) throws IOException {
        return readObject(request, MAX_BODY);
    }

    /** The request body as a JSON object of at most {@code maxBytes}; an empty body is an empty object. */
    static Map<String, Object> readObject(HttpServletRequest request, int maxBytes) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw AdminException.badRequest(null, "the request body is larger than " + maxBytes + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Object parsed;
        try {
            parsed = Jsoner.deserialize(text);
        } catch (DeserializationException e) {
            throw AdminException.badRequest(null, "the request body is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw AdminException.badRequest(null, "the request body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) plain(map);
        return object;
    }

    /** Writes {@code body} as JSON with {@code status}; never cached. */
    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = Jsoner.serialize(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The JSON error body of docs/admin-api.md. */
    static Map<String, Object> error(AdminException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        e.field().ifPresent(field -> body.put("field", field));
        return body;
    }

    /** Jsoner's objects and numbers as plain Java values, keeping the order of keys. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof BigDecimal number) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException notWhole) {
                return number.doubleValue();
            }
        }
        return value;
    }
}
