package org.qaqpa.bench.reference;

import jakarta.servlet.http.HttpServlet;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.qaqpa.sandbox.SandboxProviders;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.server.LoopbackServer;

/**
 * The hand-rolled CXF + WSS4J proxy that {@code qaqpa bench sync} measures the gateway against
 * (docs/benchmarks.md, "The hand-rolled proxy baseline"): what a team builds without Qaqpa to do the
 * same signature work per request — verify the caller's signature, sign the request to the provider,
 * verify the provider's signed answer, sign the answer to the caller — with CXF's and WSS4J's own
 * means only. It serves the SHEP sync endpoint at {@value #PATH}/ on 127.0.0.1 and calls the sandbox
 * echo provider of {@code TEST_SERVICE_ID}, which it hosts in the same JVM on a listener of its own.
 *
 * <p>Run as {@code HandRolledProxyMain --pki DIR --port N} (0: a free port). Once it serves it prints
 * the one line {@code hand-rolled proxy listening on http://127.0.0.1:PORT/bip-sync/} and serves until
 * SIGTERM.
 */
public final class HandRolledProxyMain implements AutoCloseable {

    /** The path of the sync endpoint, as the gateway's. */
    public static final String PATH = "/bip-sync";
    /** What the line printed when the proxy serves starts with; the endpoint's URL follows. */
    public static final String LISTENING = "hand-rolled proxy listening on ";
    /**
     * Who may call: certificates of legal entities (a BIN in OU, in the RFC 2253 form WSS4J matches), as
     * SHEP members are organisations' systems. The gateway goes further and binds each member's
     * certificate to its senderId and password (config/members.yaml); the proxy has no member registry.
     */
    static final String CALLER_SUBJECT = "(^|.*,)OU=BIN\\d{12}(,.*|$)";
    /** As the sandbox server of {@code qaqpa run}: providers answer at CPU speed, a small pool queues the rest. */
    private static final int ECHO_THREADS = 32;

    private final LoopbackServer echo;
    private final Bus bus;
    private final Server server;
    private final ServerConnector connector;

    private HandRolledProxyMain(LoopbackServer echo, Bus bus, Server server, ServerConnector connector) {
        this.echo = echo;
        this.bus = bus;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the echo provider and the proxy, both on 127.0.0.1.
     *
     * @param pkiDir a development PKI directory ({@code <data>/pki} of the gateway, or {@code qaqpa pki init})
     * @param port   the proxy's port, 0 for a free one (the echo always takes a free one)
     * @throws IllegalArgumentException if {@code pkiDir} holds no development PKI
     * @throws Exception                if a port cannot be bound
     */
    public static HandRolledProxyMain start(Path pkiDir, int port) throws Exception {
        if (!Files.isRegularFile(pkiDir.resolve("gateway.p12")) || !Files.isRegularFile(pkiDir.resolve("echo.p12"))) {
            throw new IllegalArgumentException(pkiDir + " holds no development PKI (gateway.p12, echo.p12)");
        }
        WssInterceptors security = new WssInterceptors(ReferenceKeys.open(pkiDir, DevPki.password()));
        HttpServlet echoServlet = SandboxProviders.servlets(pkiDir, Clock.systemUTC()).get(SandboxProviders.ECHO_PATH);
        LoopbackServer echo = LoopbackServer.start("reference-echo", ECHO_THREADS, 0,
                context -> context.addServlet(new ServletHolder(echoServlet), SandboxProviders.ECHO_PATH));
        Bus bus = null;
        Server server = null;
        try {
            bus = newBus();
            // The provider's answers must be signed by the provider's own certificate, pinned by its subject.
            String echoSubject = Pattern.quote(ReferenceKeys.certificate(pkiDir.resolve("echo-cert.pem"))
                    .getSubjectX500Principal().getName());
            EchoClients clients = new EchoClients(bus, echo.baseUrl().resolve(SandboxProviders.ECHO_PATH), security, echoSubject);
            EndpointImpl endpoint = new EndpointImpl(bus, new EchoForwarder(clients));
            endpoint.getInInterceptors().add(security.verifier(CALLER_SUBJECT));
            endpoint.getInInterceptors().add(security.bodyCoverage());
            endpoint.getOutInterceptors().add(security.signer());
            endpoint.publish(PATH);

            // Jetty's defaults (a pool of up to 200 threads), as a team starts it.
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler("/");
            CXFNonSpringServlet cxf = new CXFNonSpringServlet();
            cxf.setBus(bus);
            ServletHolder holder = new ServletHolder("cxf", cxf);
            holder.setInitParameter("hide-service-list-page", "true");
            context.addServlet(holder, "/*");
            server.setHandler(context);
            server.start();
            return new HandRolledProxyMain(echo, bus, server, connector);
        } catch (Exception | Error e) {
            if (server != null) {
                server.stop();
            }
            if (bus != null) {
                bus.shutdown(false);
            }
            echo.close();
            throw e;
        }
    }

    /** A bus of the proxy's own, not left as the JVM's default (tests run it beside a gateway). */
    private static Bus newBus() {
        Bus bus = BusFactory.newInstance().createBus();
        if (BusFactory.getDefaultBus(false) == bus) {
            BusFactory.setDefaultBus(null);
        }
        if (BusFactory.getThreadDefaultBus(false) == bus) {
            BusFactory.setThreadDefaultBus(null);
        }
        return bus;
    }

    /** {@code http://127.0.0.1:PORT/bip-sync/}: where callers POST. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + PATH + "/");
    }

    /** The echo provider the proxy calls. */
    public URI echoEndpoint() {
        return echo.baseUrl().resolve(SandboxProviders.ECHO_PATH);
    }

    /** Stops the proxy (requests in flight are cut), then the echo provider. */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
            bus.shutdown(true);
        } finally {
            echo.close();
        }
    }

    /**
     * {@code --pki DIR --port N}; prints the listening line, then serves until the JVM is stopped. Exits 2
     * for a bad command line, 1 when the PKI directory cannot be used.
     */
    public static void main(String[] args) throws Exception {
        Optional<Arguments> arguments = Arguments.parse(args, System.err);
        if (arguments.isEmpty()) {
            System.exit(2);
            return;
        }
        HandRolledProxyMain proxy;
        try {
            proxy = start(arguments.get().pkiDir(), arguments.get().port());
        } catch (IllegalArgumentException unusablePki) {
            System.err.println(unusablePki.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.close();
            } catch (Exception e) {
                System.err.println("the hand-rolled proxy did not stop cleanly: " + e);
            }
        }, "hand-rolled-proxy-stop"));
        System.out.println(LISTENING + proxy.endpoint());
        System.out.flush();
        // Jetty's threads are not daemons: the JVM serves until SIGTERM runs the hook above.
    }

    /** The command line. */
    record Arguments(Path pkiDir, int port) {

        private static final String USAGE = "usage: HandRolledProxyMain --pki DIR [--port N]";

        /** The arguments, or empty after printing what is wrong to {@code err}. */
        static Optional<Arguments> parse(String[] args, PrintStream err) {
            Path pki = null;
            int port = 0;
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    err.println("missing value of " + args[i] + "; " + USAGE);
                    return Optional.empty();
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--pki" -> pki = Path.of(value);
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) {
                            err.println("--port must be 0..65535, got " + value);
                            return Optional.empty();
                        }
                    }
                    default -> {
                        err.println("unknown option " + args[i - 1] + "; " + USAGE);
                        return Optional.empty();
                    }
                }
            }
            if (pki == null) {
                err.println(USAGE);
                return Optional.empty();
            }
            return Optional.of(new Arguments(pki, port));
        }
    }
}
