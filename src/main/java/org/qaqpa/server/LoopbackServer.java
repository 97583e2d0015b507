package org.qaqpa.server;

import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small Jetty serving servlets on 127.0.0.1 only, for the stand-ins around the gateway (the sandbox
 * systems, contract-test mocks): nothing to drain when it stops, so it stops at once.
 */
public final class LoopbackServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private LoopbackServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts a server on {@code port} of 127.0.0.1 (0: a free port) whose root context {@code servlets} fills.
     *
     * @param threadName the name of its threads
     * @throws Exception if the port cannot be bound or a servlet fails to start
     */
    public static LoopbackServer start(String threadName, int maxThreads, int port, Consumer<ServletContextHandler> servlets)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 2);
        threads.setName(threadName);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        servlets.accept(context);
        server.setHandler(context);
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new LoopbackServer(server, connector);
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
