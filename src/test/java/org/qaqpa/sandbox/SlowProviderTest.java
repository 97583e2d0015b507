package org.qaqpa.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.security.pki.DevPki;

/**
 * The slow provider answers correctly once its delay has passed (short here; 30 s where
 * {@link SandboxProviders} mounts it).
 */
class SlowProviderTest {

    @Test
    void answersWithASignedEchoAfterTheDelay(@TempDir Path dir) throws Exception {
        DevPki.generate(Clock.systemUTC()).writeTo(dir, DevPki.password());
        FaultyProvider slow = new FaultyProvider(FaultyProvider.Misbehaviour.SLOW, new ProviderKeys.Lazy(dir),
                Clock.systemUTC(), Duration.ofMillis(200));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(slow), "/slow");
        server.setHandler(context);
        server.start();
        try {
            String envelope = """
                    <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                    <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request><requestInfo>
                    <messageId>slow-1</messageId></requestInfo><requestData><data>x</data></requestData></request>
                    </ns2:SendMessage></soapenv:Body></soapenv:Envelope>""";
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/slow"))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("<correlationId>slow-1</correlationId>").contains("wsse:Security");
        } finally {
            server.stop();
        }
    }

    @Test
    void isMountedWithAThirtySecondDelay() {
        assertThat(FaultyProvider.SLOW_DELAY).isEqualTo(Duration.ofSeconds(30));
        assertThat(SandboxProviders.servlets(Path.of("unused"), Clock.systemUTC()))
                .containsKeys("/sandbox/echo", "/sandbox/faulty/slow", "/sandbox/faulty/unsigned", "/sandbox/faulty/wrong-signer",
                        "/sandbox/faulty/fault", "/sandbox/faulty/garbage", "/sandbox/faulty/tampered");
    }
}
