package org.qaqpa.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.qaqpa.ops.admin.ApplicationSource;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.sandbox.eservice.SandboxApplications;
import java.time.Clock;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.qaqpa.server.LoopbackServer;
import org.qaqpa.xml.XmlLimits;

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
    private final Path pkiDir;
    private final Clock clock;
    private final AtomicReference<EServiceSandbox> eservices;

    private SandboxServer(LoopbackServer server, Path pkiDir, Clock clock, AtomicReference<EServiceSandbox> eservices) {
        this.server = server;
        this.pkiDir = pkiDir;
        this.clock = clock;
        this.eservices = eservices;
    }

    /** Whether {@code pkiDir} holds the development PKI the sandbox systems sign and verify with. */
    public static boolean canUse(Path pkiDir) {
        return ProviderKeys.present(pkiDir);
    }

    /**
     * Starts the sandbox on {@code port} of 127.0.0.1 (0: a free port).
     *
     * @throws Exception if the port cannot be bound
     */
    public static SandboxServer start(int port, Path pkiDir, Clock clock) throws Exception {
        return start(port, pkiDir, clock, XmlLimits.defaults());
    }

    /**
     * As {@link #start(int, Path, Clock)}, the echo provider and the PUSH recipient reading requests with
     * {@code limits}: the gateway's own, so that whatever it accepts reaches them (a large payload, docs/benchmarks.md).
     */
    public static SandboxServer start(int port, Path pkiDir, Clock clock, XmlLimits limits) throws Exception {
        AtomicReference<EServiceSandbox> eservices = new AtomicReference<>();
        return new SandboxServer(LoopbackServer.start("qaqpa-sandbox", MAX_THREADS, port, context -> {
            context.addServlet(new ServletHolder("certifying-centre", new CertifyingCentreServlet(pkiDir, clock)), "/ca/*");
            SandboxProviders.servlets(pkiDir, clock, eservices, limits)
                    .forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        }), pkiDir, clock, eservices);
    }

    /**
     * Starts the e-services (docs/services.md) of the passports in {@code passportsDir} with the routes of
     * {@code routesDir}, talking to the gateway at {@code gateway}; once the gateway runs, since they need its PKI.
     */
    public EServiceSandbox startEServices(Path passportsDir, Path routesDir, URI gateway) throws Exception {
        EServiceSandbox started = EServiceSandbox.start(passportsDir, routesDir, pkiDir, gateway, clock);
        eservices.set(started);
        return started;
    }

    /** The e-services, once started. */
    /** The e-services' applications for the gateway's admin API ({@code Gateway.applicationsFrom}). */
    public ApplicationSource applications() {
        return new SandboxApplications(this::eservices);
    }

    public Optional<EServiceSandbox> eservices() {
        return Optional.ofNullable(eservices.get());
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
        EServiceSandbox started = eservices.getAndSet(null);
        if (started != null) {
            started.close();
        }
        server.close();
    }
}
