package org.qaqpa.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.qaqpa.security.pki.DevCaFiles;
import org.qaqpa.security.pki.DevPki;

/**
 * HTTP face of the {@link CertifyingCentre}: {@code POST /ca/ocsp} (RFC 6960 over HTTP,
 * {@code application/ocsp-request}) and {@code GET /ca/crl} ({@code application/pkix-crl}, DER).
 * The development PKI is opened on first use, so the sandbox may start before the gateway creates it.
 */
final class CertifyingCentreServlet extends HttpServlet {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final transient Path pkiDir;
    private final transient Clock clock;
    private transient volatile CertifyingCentre centre;

    CertifyingCentreServlet(Path pkiDir, Clock clock) {
        this.pkiDir = pkiDir;
        this.clock = clock;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/ocsp".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        CertifyingCentre opened = centre();
        if (opened == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no development PKI in " + pkiDir);
            return;
        }
        send(response, "application/ocsp-response", opened.answer(body));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/crl".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        CertifyingCentre opened = centre();
        if (opened == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no development PKI in " + pkiDir);
            return;
        }
        try {
            send(response, "application/pkix-crl", opened.crl());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue the CRL", e);
        }
    }

    private CertifyingCentre centre() {
        CertifyingCentre current = centre;
        if (current == null) {
            synchronized (this) {
                if (centre == null && java.nio.file.Files.isRegularFile(pkiDir.resolve("inter.p12"))) {
                    centre = new CertifyingCentre(DevCaFiles.open(pkiDir, DevPki.password(), clock), clock);
                }
                current = centre;
            }
        }
        return current;
    }

    private static void send(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
