package org.qaqpa.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.qaqpa.security.pki.Pem;
import org.qaqpa.security.wss.GatewayKeyRing;

/**
 * {@code GET /certificate}: the gateway's signing certificates as PEM, the one it signs with now first, then those it
 * replaced whose grace period has not ended: where members and other gateway nodes fetch the key that signs the
 * answers, so that a rotated key is published the moment it signs and the old one until peers have had time to switch.
 */
public final class CertificateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient GatewayKeyRing keys;
    private final transient Clock clock;

    public CertificateServlet(GatewayKeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder body = new StringBuilder();
        for (X509Certificate certificate : keys.accepted(clock.instant())) {
            body.append(Pem.certificate(certificate));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/pem-certificate-chain");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
