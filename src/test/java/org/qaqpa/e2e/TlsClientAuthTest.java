package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.server.JettyServer;

/**
 * The gateway's listener with {@code server.tls.client-auth: need} and its refusals at start: a client without a
 * certificate cannot complete the handshake, one with a trusted certificate reaches the servlets (which see it);
 * only the configured protocols are offered; a keystore whose password variable is unset or wrong stops the start naming the file.
 */
class TlsClientAuthTest {

    private static final String PASSWORD = new String(TlsTestPki.PASSWORD);

    @TempDir
    static Path dir;

    private static TlsTestPki tls;
    private static Bus bus;
    private static JettyServer jetty;
    private static GatewayConfig.Tls needClientCertificate;

    @BeforeAll
    static void start() throws Exception {
        tls = TlsTestPki.generate();
        needClientCertificate = new GatewayConfig.Tls(true,
                Optional.of(TlsTestPki.writeKeystore(tls.server("127.0.0.1"), dir.resolve("server.p12")).toString()),
                "KEYSTORE_PASSWORD", GatewayConfig.Tls.CLIENT_AUTH_NEED,
                Optional.of(tls.writeTruststore(dir.resolve("clients.p12")).toString()), "TRUSTSTORE_PASSWORD",
                GatewayConfig.Tls.PROTOCOLS);
        bus = BusFactory.newInstance().createBus();
        jetty = listener(needClientCertificate, Map.of("KEYSTORE_PASSWORD", PASSWORD, "TRUSTSTORE_PASSWORD", PASSWORD)::get);
        jetty.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
        if (bus != null) {
            bus.shutdown(false);
        }
    }

    @Test
    void servesClientWithTrustedCertificateAndShowsItToTheServlets() throws Exception {
        HttpResponse<String> answer = get(tls.clientContext(Optional.of(tls.client(DevPki.LEGAL_ENTITY_DN))));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("BIN123456789021");
    }

    @Test
    void refusesHandshakeWithoutClientCertificate() throws Exception {
        SSLContext withoutCertificate = tls.clientContext(Optional.empty());

        assertThatThrownBy(() -> get(withoutCertificate)).isInstanceOf(IOException.class);
    }

    @Test
    void offersOnlyTheConfiguredProtocols() throws Exception {
        SSLContext client = tls.clientContext(Optional.of(tls.client(DevPki.LEGAL_ENTITY_DN)));
        assertThat(handshake(client, jetty, "TLSv1.2")).as("both by default").isEqualTo("TLSv1.2");
        JettyServer onlyTls13 = listener(new GatewayConfig.Tls(true, needClientCertificate.keystore(), "KEYSTORE_PASSWORD",
                GatewayConfig.Tls.CLIENT_AUTH_NONE, Optional.empty(), "TRUSTSTORE_PASSWORD", List.of("TLSv1.3")),
                Map.of("KEYSTORE_PASSWORD", PASSWORD)::get);
        onlyTls13.start();
        try {
            assertThat(handshake(client, onlyTls13, "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThatThrownBy(() -> handshake(client, onlyTls13, "TLSv1.2")).isInstanceOf(IOException.class);
        } finally {
            onlyTls13.close();
        }
    }

    /** The protocol a handshake with only {@code protocol} enabled settles on. */
    private static String handshake(SSLContext client, JettyServer server, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    @Test
    void refusesToStartWithoutTheKeystorePassword() {
        assertThatThrownBy(() -> listener(needClientCertificate, Map.of("TRUSTSTORE_PASSWORD", PASSWORD)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("server.p12") + ": server.tls.keystore-password-env names KEYSTORE_PASSWORD,"
                        + " which is not set: the password of this file is read from it");
    }

    @Test
    void refusesToStartWithAWrongKeystorePassword() {
        assertThatThrownBy(() -> listener(needClientCertificate,
                Map.of("KEYSTORE_PASSWORD", "wrong", "TRUSTSTORE_PASSWORD", PASSWORD)::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("server.p12") + ": server.tls.keystore names this file, which cannot"
                        + " be read as PKCS#12 with the password in KEYSTORE_PASSWORD");
    }

    private static JettyServer listener(GatewayConfig.Tls tlsConfig, Function<String, String> environment) {
        GatewayConfig.Server server = GatewayConfig.defaults().server().withPort(0).withTls(tlsConfig);
        return new JettyServer(server, bus, Map.of("/whoami", new WhoAmI()), environment);
    }

    private static HttpResponse<String> get(SSLContext context) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + jetty.port() + "/whoami"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers with the subject of the client certificate the container hands to servlets. */
    private static final class WhoAmI extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object chain = request.getAttribute("jakarta.servlet.request.X509Certificate");
            response.setContentType("text/plain");
            response.getWriter().write(chain instanceof X509Certificate[] certificates
                    ? certificates[0].getSubjectX500Principal().getName() : "none");
        }
    }
}
