package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.ops.PrometheusText;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * The gateway behind TLS ({@code server.tls.*}, client-auth {@code want}) over 127.0.0.1 with certificates made by the
 * test: sync requests over HTTPS and HTTP/1.1 keep-alive on one TLS connection; a member with
 * {@code tls-client-certificate: required} without, with another's and with its own client certificate; providers
 * over HTTPS trusted by {@code routing.tls.truststore}, an untrusted one and one whose certificate names another
 * host; a member's {@code max-request-size}.
 */
class TlsGatewayTest {

    /** Signs its requests with the legal entity's key; its TLS client certificate is required. */
    private static final String MTLS_MEMBER = "dev-client";
    /** The same organisation's system without mutual TLS, and with a small request size limit. */
    private static final String SMALL_MEMBER = "small-client";
    private static final int SMALL_LIMIT = 4096;

    @TempDir
    static Path dir;

    private static TlsTestPki tls;
    private static TestGateway gateway;
    private static HttpsProvider trustedProvider;
    private static HttpsProvider untrustedProvider;
    private static HttpsProvider wrongHostProvider;
    private static IssuedCertificate ownClientCertificate;
    private static IssuedCertificate otherClientCertificate;
    private static IssuedCertificate serverCertificate;

    @BeforeAll
    static void start() throws Exception {
        tls = TlsTestPki.generate();
        TlsTestPki otherCa = TlsTestPki.generate();
        ownClientCertificate = tls.client(DevPki.LEGAL_ENTITY_DN);
        otherClientCertificate = tls.client("C=KZ, O=OTHER LLP, OU=BIN990340000099, CN=OTHER SYSTEM");
        trustedProvider = new HttpsProvider(tls.server("127.0.0.1", "localhost"));
        untrustedProvider = new HttpsProvider(otherCa.server("127.0.0.1"));
        wrongHostProvider = new HttpsProvider(tls.server("provider.example.kz"));

        Path servicesFile = Files.writeString(dir.resolve("services.yaml"), """
                services:
                  TEST_SERVICE_ID:
                    url: /sandbox/echo
                    bin: "990340000025"
                  TLS_ECHO:
                    url: %s
                    bin: "990340000025"
                  TLS_UNTRUSTED:
                    url: %s
                    bin: "990340000025"
                  TLS_WRONG_HOST:
                    url: %s
                    bin: "990340000025"
                """.formatted(trustedProvider.url("/echo"), untrustedProvider.url("/echo"), wrongHostProvider.url("/echo")));
        String hash = TestGateway.devPasswordHash();
        Path membersFile = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  %s:
                    password-hash: %s
                    iin: "123456789011"
                    bin: "123456789021"
                    tls-client-certificate: required
                    services: [TEST_SERVICE_ID, TLS_ECHO, TLS_UNTRUSTED, TLS_WRONG_HOST]
                  %s:
                    password-hash: %s
                    iin: "123456789011"
                    bin: "123456789021"
                    max-request-size: %d
                    services: [TEST_SERVICE_ID]
                """.formatted(MTLS_MEMBER, hash, SMALL_MEMBER, hash, SMALL_LIMIT));

        GatewayConfig defaults = GatewayConfig.defaults();
        serverCertificate = tls.server("127.0.0.1");
        GatewayConfig.Tls serverTls = new GatewayConfig.Tls(true,
                Optional.of(TlsTestPki.writeKeystore(serverCertificate, dir.resolve("server.p12")).toString()),
                "TEST_TLS_KEYSTORE_PASSWORD", GatewayConfig.Tls.CLIENT_AUTH_WANT,
                Optional.of(tls.writeTruststore(dir.resolve("clients.p12")).toString()), "TEST_TLS_TRUSTSTORE_PASSWORD",
                GatewayConfig.Tls.PROTOCOLS);
        GatewayConfig config = defaults
                .withServer(defaults.server().withTls(serverTls))
                .withRouting(new GatewayConfig.Routing(Optional.empty(), new GatewayConfig.ProviderTls(
                        Optional.of(tls.writeTruststore(dir.resolve("providers.p12")).toString()),
                        "TEST_PROVIDER_TRUSTSTORE_PASSWORD")))
                .withRegistry(new GatewayConfig.Registry(membersFile.toString(), servicesFile.toString(),
                        defaults.registry().reloadInterval()));
        String password = new String(TlsTestPki.PASSWORD);
        Map<String, String> environment = Map.of("TEST_TLS_KEYSTORE_PASSWORD", password,
                "TEST_TLS_TRUSTSTORE_PASSWORD", password, "TEST_PROVIDER_TRUSTSTORE_PASSWORD", password);
        gateway = TestGateway.start(config, dir.resolve("data"), environment::get);
        URI echo = gateway.uri("/sandbox/echo");
        trustedProvider.forwardTo(echo);
        untrustedProvider.forwardTo(echo);
        wrongHostProvider.forwardTo(echo);
    }

    @AfterAll
    static void stop() throws Exception {
        TestGateway.closeAll(gateway);
        for (HttpsProvider provider : new HttpsProvider[] {trustedProvider, untrustedProvider, wrongHostProvider}) {
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Test
    void answersSyncRequestOverHttps() throws Exception {
        assertThat(gateway.gateway().baseUri().getScheme()).isEqualTo("https");

        SoapResponse answer = post(Optional.empty(), SMALL_MEMBER, "TEST_SERVICE_ID", "<ping>over-tls</ping>");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<ping>over-tls</ping>", "<code>Success</code>");
    }

    @Test
    void reportsTheDaysToExpiryOfTheCertificateItPresents() {
        X509Certificate served = serverCertificate.certificate();
        double days = (served.getNotAfter().toInstant().getEpochSecond() - Instant.now().getEpochSecond()) / 86400.0;

        PrometheusText metrics = PrometheusText.parse(gateway.gateway().metrics().scrape());

        assertThat(metrics.value("qaqpa_certificate_expiry_days", Map.of("role", "tls_server",
                "serial", served.getSerialNumber().toString(16)))).isCloseTo(days, within(0.01));
    }

    @Test
    void keepsTheTlsConnectionOpenForTheNextRequest() throws Exception {
        SSLContext context = tls.clientContext(Optional.empty());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.gateway().port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(30_000);

            RawResponse first = exchange(socket, signed(SMALL_MEMBER, "TEST_SERVICE_ID", "<ping>first</ping>"));
            RawResponse second = exchange(socket, signed(SMALL_MEMBER, "TEST_SERVICE_ID", "<ping>second</ping>"));

            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("<ping>first</ping>");
            assertThat(first.headers()).doesNotContain("connection: close");
            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(second.body()).contains("<ping>second</ping>");
        }
    }

    @Test
    void acceptsMemberWithItsOwnClientCertificate() throws Exception {
        SoapResponse answer = post(Optional.of(ownClientCertificate), MTLS_MEMBER, "TEST_SERVICE_ID", "<ping>mtls</ping>");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<ping>mtls</ping>");
    }

    @Test
    void refusesMemberRequiringClientCertificateWithoutOne() throws Exception {
        SoapResponse answer = post(Optional.empty(), MTLS_MEMBER, "TEST_SERVICE_ID", "<ping>no-certificate</ping>");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.SENDER_TLS_CERT_MISMATCH.name());
    }

    @Test
    void refusesClientCertificateOfAnotherOrganisation() throws Exception {
        SoapResponse answer = post(Optional.of(otherClientCertificate), MTLS_MEMBER, "TEST_SERVICE_ID", "<ping>other</ping>");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.SENDER_TLS_CERT_MISMATCH.name());
        assertThat(answer.detailText("errorMessage")).contains("BIN 990340000099", MTLS_MEMBER);
    }

    @Test
    void callsHttpsProviderTrustedByRoutingTruststore() throws Exception {
        SoapResponse answer = post(Optional.of(ownClientCertificate), MTLS_MEMBER, "TLS_ECHO", "<ping>to-https</ping>");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<ping>to-https</ping>", "<code>Success</code>");
    }

    @Test
    void refusesProviderWithUntrustedCertificate() throws Exception {
        SoapResponse answer = post(Optional.of(ownClientCertificate), MTLS_MEMBER, "TLS_UNTRUSTED", "<ping>untrusted</ping>");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE.name());
        assertThat(answer.body()).contains("TLS connection");
    }

    @Test
    void refusesProviderWhoseCertificateNamesAnotherHost() throws Exception {
        SoapResponse answer = post(Optional.of(ownClientCertificate), MTLS_MEMBER, "TLS_WRONG_HOST", "<ping>host</ping>");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE.name());
    }

    @Test
    void refusesRequestOverTheMembersSizeLimit() throws Exception {
        SoapResponse small = post(Optional.empty(), SMALL_MEMBER, "TEST_SERVICE_ID", "<ping>small</ping>");
        SoapResponse large = post(Optional.empty(), SMALL_MEMBER, "TEST_SERVICE_ID", "<ping>" + "x".repeat(SMALL_LIMIT) + "</ping>");

        assertThat(small.status()).as(small.body()).isEqualTo(200);
        assertThat(large.status()).isEqualTo(500);
        assertThat(large.errorCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED.name());
        assertThat(large.detailText("errorMessage")).contains(String.valueOf(SMALL_LIMIT), SMALL_MEMBER);
    }

    private static byte[] signed(String senderId, String serviceId, String payload) {
        String envelope = Envelopes.sendMessage(serviceId, payload, UUID.randomUUID().toString(), senderId, Envelopes.PASSWORD);
        return TestGateway.sign(envelope, gateway.pki().legalEntity()).getBytes(StandardCharsets.UTF_8);
    }

    private static SoapResponse post(Optional<IssuedCertificate> clientCertificate, String senderId, String serviceId,
                                     String payload) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext(clientCertificate))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.gateway().baseUri().resolve("/bip-sync/"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(signed(senderId, serviceId, payload))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new SoapResponse(response.statusCode(), response.body(), response.headers().map());
    }

    /** An HTTP/1.1 answer read off a socket: status, header lines (lower case) and body. */
    private record RawResponse(int status, List<String> headers, String body) {
    }

    /** Writes one POST to {@code /bip-sync/} on the socket and reads its answer (Content-Length or chunked). */
    private static RawResponse exchange(SSLSocket socket, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /bip-sync/ HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.gateway().port()
                + "\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        int status = Integer.parseInt(line(in).split(" ")[1]);
        List<String> headers = new java.util.ArrayList<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            headers.add(header.toLowerCase(Locale.ROOT));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Optional<String> length = headers.stream().filter(h -> h.startsWith("content-length:")).findFirst();
        if (length.isPresent()) {
            content.write(in.readNBytes(Integer.parseInt(length.get().substring("content-length:".length()).strip())));
        } else {
            assertThat(headers).contains("transfer-encoding: chunked");
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                content.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        }
        return new RawResponse(status, headers, content.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
