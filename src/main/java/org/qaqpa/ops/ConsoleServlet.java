package org.qaqpa.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.util.json.Jsoner;

/**
 * {@code GET /console/…}: the operator console's static shell (docs/console.md), bundled into the jar under the
 * classpath folder {@code console/} by the Maven build (Vite, {@code console/} in the source tree). The shell holds
 * no data: the page reads {@code /console/config.json}, written here, to learn where the admin API is, and every
 * datum comes from there with the operator's token. Served on the admin listener (the API at {@code /admin/}, same
 * origin) and on the SOAP listener, where {@code config.json} has no API but a link to the admin listener's console:
 * the admin API itself is never opened on the SOAP port.
 */
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ROOT = "console/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2");
    /** Scripts, styles and API calls from this origin only; no framing (clickjacking). */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private final transient Supplier<Map<String, Object>> config;

    /** @param config what {@code /console/config.json} says, asked on each request (the admin port is known late) */
    public ConsoleServlet(Supplier<Map<String, Object>> config) {
        this.config = config;
    }

    /** The configuration of the console on the admin listener: the API at the same origin. */
    public static Map<String, Object> onAdminListener() {
        return Map.of("adminApi", "/admin/");
    }

    /** The configuration of the console on the SOAP listener: no API, a link to the admin listener's console if any. */
    public static Map<String, Object> elsewhere(String adminConsole) {
        return adminConsole == null ? Map.of() : Map.of("adminConsole", adminConsole);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // /console without the slash: the page's relative asset paths need it
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        path = path.equals("/") ? "index.html" : path.substring(1);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.equals("config.json")) {
            send(response, "json", "no-store", Jsoner.serialize(config.get()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = ConsoleServlet.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                notFound(response, path);
                return;
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            // Vite names assets by content hash: they never change; the page itself is fetched anew each time
            send(response, extension, path.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
                    in.readAllBytes());
        }
    }

    private static void send(HttpServletResponse response, String extension, String cache, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("Cache-Control", cache);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void notFound(HttpServletResponse response, String path) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write((path.equals("index.html")
                ? "the console is not in this build (mvn package builds it from console/)\n" : "not found\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
