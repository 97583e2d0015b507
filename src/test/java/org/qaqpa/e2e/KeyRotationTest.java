package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qaqpa.e2e.AdminGateway.json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;

/**
 * The acceptance test of issue 11 "rotate the gateway key while 16 clients send; no request fails": 16 clients send
 * signed sync requests in a loop while the gateway key is replaced through {@code POST /admin/keys/rotate}; and the
 * refusals of that route (bad PKCS#12, wrong password, expired or untrusted certificate, no token).
 */
class KeyRotationTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();
    private static final int CLIENTS = 16;
    /** Answers each phase needs (before the rotation, after it) before the next step. */
    private static final int ANSWERS_PER_PHASE = 4 * CLIENTS;
    private static final String PASSWORD = "rotate-me";

    @TempDir
    static Path data;
    private static TestGateway gateway;
    private static URI admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = AdminGateway.start(GatewayConfig.defaults(), data, TOKEN);
        admin = gateway.gateway().adminUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** One answer a client got: whether its request started after the rotation had been answered, and its signer. */
    private record Answered(boolean sentAfterRotation, int status, String problem, X509Certificate signer) {
    }

    @Test
    void rotatesTheKeyWhileSixteenClientsSendAndNoRequestFails() throws Exception {
        X509Certificate old = currentCertificate();
        IssuedCertificate next = gateway.pki().issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
        AtomicBoolean rotated = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        Queue<Answered> answers = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int c = client;
            running.add(clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    boolean afterRotation = rotated.get();
                    String marker = "c" + c + "-r" + i + "-" + UUID.randomUUID();
                    Answered answered;
                    try {
                        SoapResponse answer = gateway.postSigned("/bip-sync/",
                                Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>" + marker + "</ping>"));
                        boolean ok = answer.status() == 200 && answer.body().contains("<ping>" + marker + "</ping>");
                        answered = new Answered(afterRotation, answer.status(),
                                ok ? null : marker + ": HTTP " + answer.status() + " " + answer.errorCode(),
                                ok ? signer(answer) : null);
                    } catch (Exception e) {
                        answered = new Answered(afterRotation, 0, marker + ": " + e, null);
                    }
                    answers.add(answered);
                    (afterRotation ? after : before).incrementAndGet();
                }
                return null;
            }));
        }
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> before.get() >= ANSWERS_PER_PHASE);
            HttpResponse<String> rotation = rotate(pkcs12(next, PASSWORD), PASSWORD);
            assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
            rotated.set(true);
            await().atMost(Duration.ofMinutes(3)).until(() -> after.get() >= ANSWERS_PER_PHASE);
        } finally {
            stop.set(true);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }

        assertThat(answers).extracting(Answered::problem).containsOnlyNulls();
        assertThat(answers).filteredOn(a -> !a.sentAfterRotation()).extracting(Answered::signer).contains(old);
        assertThat(answers).filteredOn(Answered::sentAfterRotation).extracting(Answered::signer)
                .isNotEmpty().containsOnly(next.certificate());

        // published: the new certificate first, the old one while its grace period lasts
        HttpResponse<String> published = gateway.get("/certificate");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(certificates(published.body())).startsWith(next.certificate(), old);
        Map<String, Object> keys = json(get("keys"));
        assertThat((Map<String, Object>) keys.get("current")).containsEntry("serial", next.certificate().getSerialNumber().toString(16));
        assertThat(((List<Map<String, Object>>) keys.get("previous")).get(0))
                .containsEntry("serial", old.getSerialNumber().toString(16)).containsEntry("accepted", true);
        // kept for the next start, with the development PKI's password, and its certificate file follows
        assertThat(IssuedCertificate.readPkcs12(data.resolve("pki/gateway.p12"), DevPki.password()).certificate())
                .isEqualTo(next.certificate());
        assertThat(certificates(java.nio.file.Files.readString(data.resolve("pki/gateway-cert.pem"))))
                .containsExactly(next.certificate());
        assertThat(gateway.gateway().messageLogVerifier().verify().isIntact()).isTrue();
    }

    @Test
    void rotatesThroughTheCommandLine(@TempDir Path dir) throws Exception {
        IssuedCertificate next = gateway.pki().issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
        Path file = dir.resolve("new-gateway.p12");
        java.nio.file.Files.write(file, Base64.getDecoder().decode(pkcs12(next, PASSWORD)));

        String[] refused = cli(Map.of("QAQPA_ADMIN_TOKEN", TOKEN, "QAQPA_NEW_KEYSTORE_PASSWORD", "wrong"),
                "keys", "rotate", "--keystore", file.toString(), "--admin", admin.toString());
        assertThat(refused[0]).isEqualTo("1");
        assertThat(refused[2]).contains("BAD_REQUEST").contains("wrong password");
        assertThat(currentCertificate()).isNotEqualTo(next.certificate());

        String[] rotated = cli(Map.of("QAQPA_ADMIN_TOKEN", TOKEN, "QAQPA_NEW_KEYSTORE_PASSWORD", PASSWORD),
                "keys", "rotate", "--keystore", file.toString(), "--admin", admin.toString());
        assertThat(rotated[0]).as(rotated[2]).isEqualTo("0");
        assertThat(rotated[1]).contains("current   serial " + next.certificate().getSerialNumber().toString(16));
        assertThat(currentCertificate()).isEqualTo(next.certificate());

        String[] noToken = cli(Map.of(), "keys", "show", "--admin", admin.toString());
        assertThat(noToken[0]).isEqualTo("2");
        assertThat(noToken[2]).contains("QAQPA_ADMIN_TOKEN is not set");
    }

    /** Runs {@code qaqpa ARGS} with {@code environment}: its exit code, standard output and standard error. */
    private static String[] cli(Map<String, String> environment, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = new picocli.CommandLine(new org.qaqpa.cli.QaqpaCommand(environment::get))
                .setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true)).execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void refusesBytesThatAreNoPkcs12() throws Exception {
        assertRefused(rotate("bm90IGEga2V5c3RvcmU=", PASSWORD), "pkcs12", "not a PKCS#12");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        IssuedCertificate key = gateway.pki().issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
        assertRefused(rotate(pkcs12(key, PASSWORD), "wrong"), "pkcs12", "wrong password");
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        Instant now = Instant.now();
        IssuedCertificate expired = gateway.pki().issue(LeafSpec.signing(DevPki.GATEWAY_DN, now)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        assertRefused(rotate(pkcs12(expired, PASSWORD), PASSWORD), "pkcs12", "CERT_EXPIRED");
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        IssuedCertificate selfSigned = gateway.pki().selfSigned(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now()));
        assertRefused(rotate(pkcs12(selfSigned, PASSWORD), PASSWORD), "pkcs12", "CERT_UNTRUSTED");
    }

    @Test
    void refusesACertificateThatMayNotSign() throws Exception {
        IssuedCertificate encipherOnly = gateway.pki().issue(LeafSpec.signing(DevPki.GATEWAY_DN, Instant.now())
                .keyUsage(false, false, true));
        assertRefused(rotate(pkcs12(encipherOnly, PASSWORD), PASSWORD), "pkcs12", "CERT_KEY_USAGE");
    }

    @Test
    void refusesARotationWithoutToken() throws Exception {
        X509Certificate before = currentCertificate();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve("keys/rotate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "UNAUTHORIZED");
        assertThat(currentCertificate()).isEqualTo(before);
    }

    private void assertRefused(HttpResponse<String> response, String field, String reason) throws Exception {
        X509Certificate before = currentCertificate();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "BAD_REQUEST").containsEntry("field", field);
        assertThat((String) json(response).get("message")).contains(reason);
        assertThat(currentCertificate()).isEqualTo(before);
    }

    private X509Certificate currentCertificate() throws Exception {
        return certificates(gateway.get("/certificate").body()).get(0);
    }

    private HttpResponse<String> rotate(String pkcs12, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve("keys/rotate")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Jsoner.serialize(Map.of("pkcs12", pkcs12, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The key as an operator uploads it: a PKCS#12 file in base64. */
    static String pkcs12(IssuedCertificate key, String password) throws Exception {
        KeyStore store = key.toPkcs12("new-gateway-key", password.toCharArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @SuppressWarnings("unchecked")
    static List<X509Certificate> certificates(String pem) throws Exception {
        return (List<X509Certificate>) (List<?>) new ArrayList<>(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    private static X509Certificate signer(SoapResponse answer) {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                .verify(answer.document(), XmlSignatureVerifier.Mode.WSS).signer();
    }
}
