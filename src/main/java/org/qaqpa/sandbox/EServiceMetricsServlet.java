package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.qaqpa.sandbox.eservice.EServiceSandbox;

/**
 * {@code GET /sandbox/metrics}: the e-services' step timings and breaches of the regulations' time limits in the
 * Prometheus text format ({@code qaqpa_service_step_seconds}, {@code qaqpa_service_sla_breaches_total}); empty until
 * the e-services run.
 */
final class EServiceMetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AtomicReference<EServiceSandbox> eservices;

    EServiceMetricsServlet(AtomicReference<EServiceSandbox> eservices) {
        this.eservices = eservices;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EServiceSandbox running = eservices.get();
        byte[] text = (running == null ? "" : running.metrics().prometheus()).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
