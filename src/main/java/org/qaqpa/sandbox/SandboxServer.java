package org.qaqpa.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.qaqpa.server.LoopbackServer;

/**
 * The sandbox systems on their own HTTP listener on 127.0.0.1, apart from the gateway as the real
 * external systems are: the certifying centre at {@code /ca} ({@code /ca/ocsp}, {@code /ca/crl})
 * for the development PKI in {@code pkiDir}, and the sandbox providers under {@code /sandbox/}
 * ({@link SandboxProviders}).
 */
public final class SandboxServer implements AutoCloseable {

    /** Providers answer at CPU speed (a verification and a signature each); a small pool queues the rest. */
    private static final int MAX_THREADS = 32;

    private final LoopbackServer server;

    private SandboxServer(LoopbackServer server) {
        this.server = server;
    }

    /**
     * Starts the sandbox on {@code port} of 127.0.0.1 (0: a free port).
     *
     * @throws Exception if the port cannot be bound
     */
    public static SandboxServer start(int port, Path pkiDir, Clock clock) throws Exception {
        return new SandboxServer(LoopbackServer.start("qaqpa-sandbox", MAX_THREADS, port, context -> {
            context.addServlet(new ServletHolder("certifying-centre", new CertifyingCentreServlet(pkiDir, clock)), "/ca/*");
            SandboxProviders.servlets(pkiDir, clock).forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        }));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** The certifying centre: OCSP at {@code /ocsp}, the CRL at {@code /crl} below this URL. */
    public URI caUrl() {
        return URI.create(baseUrl() + "/ca");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
