package org.qaqpa.e2e;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * A provider system behind HTTPS on 127.0.0.1 for tests: a small Jetty with the given server certificate that passes
 * each SOAP request on to a plain-HTTP provider (the sandbox echo, which signs the answer) and returns its answer.
 */
final class HttpsProvider implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private volatile URI target;

    HttpsProvider(IssuedCertificate certificate) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(certificate.toPkcs12("tls", TlsTestPki.PASSWORD));
        ssl.setKeyStorePassword(new String(TlsTestPki.PASSWORD));
        server = new Server();
        HttpConnectionFactory http = new HttpConnectionFactory(new HttpConfiguration());
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, http.getProtocol()), http);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Forward()), "/*");
        server.setHandler(context);
        server.start();
    }

    /** Where requests are passed on (the sandbox echo starts with the gateway, after this provider). */
    void forwardTo(URI newTarget) {
        this.target = newTarget;
    }

    String url(String path) {
        return "https://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Forward extends HttpServlet {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", request.getContentType()).header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request.getInputStream().readAllBytes())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                response.setStatus(answer.statusCode());
                response.setContentType(answer.headers().firstValue("Content-Type").orElse("text/xml; charset=utf-8"));
                response.getOutputStream().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.sendError(503);
            }
        }
    }
}
