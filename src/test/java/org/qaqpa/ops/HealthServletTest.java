package org.qaqpa.ops;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /health} answers UP with 200 while every component is up, DOWN with 503 as soon as one is not. */
class HealthServletTest {

    private final AtomicBoolean brokerUp = new AtomicBoolean(true);
    private Server server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        HttpServlet servlet = new HealthServlet(List.of(
                new HealthCheck("database", () -> true),
                new HealthCheck("artemis", brokerUp::get),
                new HealthCheck("camel", () -> {
                    throw new IllegalStateException("probe failure counts as down, never as an error page");
                })));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/health");
        server.setHandler(context);
        server.start();
        uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/health");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void reportsDownWith503WhenAComponentIsDown() throws Exception {
        brokerUp.set(false);
        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"components\":{\"database\":{\"status\":\"UP\"},"
                + "\"artemis\":{\"status\":\"DOWN\"},\"camel\":{\"status\":\"DOWN\"}}}");
    }

    @Test
    void reportsUpWith200WhenAllComponentsAreUp() throws Exception {
        server.stop();
        HttpServlet allUp = new HealthServlet(List.of(new HealthCheck("database", () -> true), new HealthCheck("jetty", () -> true)));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(allUp), "/health");
        server.setHandler(context);
        server.start();
        uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/health");
        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"},\"jetty\":{\"status\":\"UP\"}}}");
    }

    private HttpResponse<String> get() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
