package org.qaqpa.server;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.qaqpa.config.GatewayConfig;

/**
 * The one HTTP server of the gateway: CXF's servlet serves the SOAP endpoints, other servlets the
 * operational paths. Stopping it is graceful: requests in flight finish, new ones are refused.
 */
public final class JettyServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final List<X509Certificate> tlsCertificates;

    /**
     * @param extraServlets path spec → servlet, e.g. {@code /health}
     */
    public JettyServer(GatewayConfig.Server config, Bus bus, Map<String, HttpServlet> extraServlets) {
        this(config, bus, extraServlets, System::getenv);
    }

    /**
     * @param environment where the passwords {@code server.tls.*-password-env} name are read
     */
    public JettyServer(GatewayConfig.Server config, Bus bus, Map<String, HttpServlet> extraServlets,
                       Function<String, String> environment) {
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        threads.setName("qaqpa-http");
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        tls = config.tls().enabled();
        SslContextFactory.Server ssl = tls ? ServerTls.contextFactory(config.tls(), environment) : null;
        tlsCertificates = tls ? ServerTls.certificates(ssl.getKeyStore()) : List.of();
        connector = tls ? httpsConnector(server, http, ssl) : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        // Jetty lowers the idle timeout of open connections to 1 s when a graceful stop begins, which
        // cuts a request whose body is still arriving; keep the configured one (the stop is bounded
        // by server.shutdown-timeout anyway).
        connector.setShutdownIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        CXFNonSpringServlet cxf = new CXFNonSpringServlet();
        cxf.setBus(bus);
        ServletHolder cxfHolder = new ServletHolder("cxf", cxf);
        cxfHolder.setInitParameter("hide-service-list-page", "true");
        context.addServlet(cxfHolder, "/*");
        // after the first dispatch and after the one that resumes a suspended request
        context.addFilter(new FilterHolder(new LogContextFilter()), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        context.addFilter(new FilterHolder(new UnsupportedCharsetFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.setErrorHandler(quietErrorHandler());
        extraServlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

        GracefulHandler graceful = new GracefulHandler(context);
        server.setHandler(graceful);
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /**
     * HTTPS with HTTP/1.1 (keep-alive as on plain HTTP); the customizer gives servlets the client certificate
     * chain ({@code jakarta.servlet.request.X509Certificate}) and marks requests secure.
     */
    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, SslContextFactory.Server ssl) {
        http.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        return new ServerConnector(server, new SslConnectionFactory(ssl, http11.getProtocol()), http11);
    }

    /** Error pages (unknown paths, container failures) carry the status only: no exception text, no stack. */
    public static ErrorHandler quietErrorHandler() {
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        return errors;
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code https} when {@code server.tls.enabled}, else {@code http}. */
    /** The certificates the HTTPS listener presents (one per key of {@code server.tls.keystore}); none on HTTP. */
    public List<X509Certificate> tlsCertificates() {
        return tlsCertificates;
    }

    public String scheme() {
        return tls ? "https" : "http";
    }

    public String host() {
        return connector.getHost();
    }

    public boolean isUp() {
        return server.isStarted() && connector.isOpen();
    }

    public Duration stopTimeout() {
        return Duration.ofMillis(server.getStopTimeout());
    }

    /**
     * A graceful stop waits for every open connection to close, and a client's idle keep-alive connection (the JDK
     * client keeps them 20 minutes) would hold it for the whole {@code server.shutdown-timeout}: the connector's
     * shutdown idle timeout is kept long on purpose (see the constructor). While the stop runs, connections that
     * wait between requests are closed every 100 ms instead; one whose request is still arriving or being
     * answered is left to finish.
     */
    @Override
    public void close() throws Exception {
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qaqpa-http-stop");
            thread.setDaemon(true);
            return thread;
        });
        closer.scheduleWithFixedDelay(this::closeIdleConnections, 0, 100, TimeUnit.MILLISECONDS);
        try {
            server.stop();
        } finally {
            closer.shutdownNow();
        }
    }

    private void closeIdleConnections() {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (httpOf(endPoint.getConnection()) instanceof HttpConnection http && betweenRequests(http)) {
                endPoint.close();
            }
        }
    }

    /** The HTTP connection on a plain endpoint, or inside the TLS one. */
    private static Connection httpOf(Connection connection) {
        return connection instanceof SslConnection ssl ? ssl.getSslEndPoint().getConnection() : connection;
    }

    /** No request being handled, and not a byte of the next one read yet. */
    private static boolean betweenRequests(HttpConnection http) {
        return http.getHttpChannel().getRequest() == null && http.getParser().isStart() && http.isRequestBufferEmpty();
    }
}
