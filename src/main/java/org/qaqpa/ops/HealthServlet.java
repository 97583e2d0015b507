package org.qaqpa.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /health}: {@code {"status":"UP","components":{"database":{"status":"UP"},…}}} with HTTP 200,
 * or {@code DOWN} with HTTP 503 as soon as one component is down.
 */
public final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient List<HealthCheck> checks;

    public HealthServlet(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder components = new StringBuilder();
        boolean allUp = true;
        for (HealthCheck check : checks) {
            boolean up = check.isUp();
            allUp &= up;
            if (components.length() > 0) {
                components.append(',');
            }
            components.append('"').append(check.name()).append("\":{\"status\":\"").append(up ? "UP" : "DOWN").append("\"}");
        }
        String body = "{\"status\":\"" + (allUp ? "UP" : "DOWN") + "\",\"components\":{" + components + "}}";
        response.setStatus(allUp ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
