package org.qaqpa.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The sandbox systems on their own HTTP listener on 127.0.0.1, apart from the gateway as the real
 * external systems are: the certifying centre at {@code /ca} ({@code /ca/ocsp}, {@code /ca/crl})
 * for the development PKI in {@code pkiDir}, and the sandbox providers under {@code /sandbox/}
 * ({@link SandboxProviders}).
 */
public final class SandboxServer implements AutoCloseable {

    /** Providers answer at CPU speed (a verification and a signature each); a small pool queues the rest. */
    private static final int MAX_THREADS = 32;

    private final Server server;
    private final ServerConnector connector;

    private SandboxServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the sandbox on {@code port} of 127.0.0.1 (0: a free port).
     *
     * @throws Exception if the port cannot be bound
     */
    public static SandboxServer start(int port, Path pkiDir, Clock clock) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("qaqpa-sandbox");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("certifying-centre", new CertifyingCentreServlet(pkiDir, clock)), "/ca/*");
        SandboxProviders.servlets(pkiDir, clock).forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
        server.setStopTimeout(0); // nothing to drain: a sandbox stops at once
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new SandboxServer(server, connector);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** The certifying centre: OCSP at {@code /ocsp}, the CRL at {@code /crl} below this URL. */
    public URI caUrl() {
        return URI.create(baseUrl() + "/ca");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
