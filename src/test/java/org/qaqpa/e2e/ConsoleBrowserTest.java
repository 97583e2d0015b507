package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.sandbox.eservice.Portal;

/**
 * The operator console in a real browser (docs/console.md): a gateway with the admin API on, an exchange and a dead
 * letter made here over SOAP, then {@code test-tools/console-e2e/run.mjs} drives Debian's chromium through
 * playwright-core: the console on the SOAP port shows no data, without a token only the login, then log in, find the
 * exchange by its sessionId, open its detail, redeliver the dead letter, and see the validation error of a member
 * edited with a certificate path that does not exist, and on the integrator page the WSDL links and a request signed
 * with a test key, sent to the echo service, whose answer shows the payload, and a suite run from its folder (one
 * case passes, one fails), and the dashboard's charts over time, refreshed while it is shown and no longer after. Screenshots: target/console-screenshots/. Without chromium
 * the test fails (CI installs it: .ci/run).
 */
class ConsoleBrowserTest {

    private static final String TOKEN = "console-admin-token-" + UUID.randomUUID();
    private static final int ATTEMPTS = 3;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = TestGateway.projectDir().resolve("target/console-screenshots");

    @TempDir
    static Path data;
    @TempDir
    static Path registryDir;
    private static TestGateway gateway;
    private static URI admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = AdminGateway.start(data, registryDir, TOKEN, ATTEMPTS);
        admin = gateway.gateway().adminUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void servesTheShellOnBothListenersAndNoDataWithoutToken() throws Exception {
        HttpResponse<String> onGateway = get(gateway.gateway().baseUri().resolve("/console/"));
        HttpResponse<String> onAdmin = get(admin.resolve("/console/"));
        HttpResponse<String> config = get(gateway.gateway().baseUri().resolve("/console/config.json"));

        assertThat(onGateway.statusCode()).as(onGateway.body()).isEqualTo(200);
        assertThat(onGateway.body()).containsIgnoringCase("<html");
        assertThat(onGateway.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(onAdmin.body()).isEqualTo(onGateway.body());
        assertThat(Jsoner.deserialize(config.body())).isEqualTo(Map.of("adminConsole", admin.resolve("/console/").toString()));
        assertThat(Jsoner.deserialize(get(admin.resolve("/console/config.json")).body())).isEqualTo(Map.of("adminApi", "/admin/"));
        assertThat(get(admin.resolve("/admin/log")).statusCode()).as("the API without a token").isEqualTo(401);
        assertThat(get(gateway.gateway().baseUri().resolve("/console/../admin/log")).body()).doesNotContain("entries");
        assertThat(get(admin.resolve("/console/assets/nothing.js")).statusCode()).isEqualTo(404);
    }

    @Test
    void drivesTheConsoleInChromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no chromium at " + CHROMIUM + ": the console's browser test needs it (apt-get install chromium; .ci/run does)");
        }
        SoapResponse answered = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID",
                "<ping xmlns=\"urn:e2e\">console</ping>", UUID.randomUUID().toString(), Envelopes.SENDER, Envelopes.PASSWORD));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String sessionId = text(answered.body(), "sessionId");
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.failingFirst(ATTEMPTS));
        String messageId = text(accepted.body(), "messageId");
        SoapResponse refused = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID",
                "<ping xmlns=\"urn:e2e\">console</ping>", UUID.randomUUID().toString(), "console-e2e-nobody", Envelopes.PASSWORD));
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
        await().atMost(Duration.ofSeconds(30)).until(() -> get(admin.resolve("queues/qaqpa.async.delivery/dead-letters"), TOKEN)
                .body().contains("\"" + messageId + "\""));

        Portal.Entry application = gateway.startShippedEServices().portal()
                .apply(gateway.pki().individual(), FilmCertificateTest.form("123456789011", Map.of()));
        EServiceAssertions.assertResultIssued(application);

        Result run = node(List.of("--admin=" + admin.resolve("/"), "--gateway=" + gateway.gateway().baseUri().resolve("/"),
                "--token=" + TOKEN, "--screenshots=" + SCREENSHOTS, "--session=" + sessionId,
                "--queue=qaqpa.async.delivery", "--dead-letter=" + messageId, "--member=" + Envelopes.SENDER,
                "--service=TEST_SERVICE_ID", "--error-code=" + ErrorCode.SENDER_UNKNOWN.name(),
                "--crl-file=" + overdueCrl(), "--password-hash=" + TestGateway.devPasswordHash(),
                "--application=" + application.messageId().orElseThrow()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("ok log-detail", "ok redeliver-dead-letter", "ok member-invalid-certificate",
                "ok without-token-shows-login-only", "ok login-lands-on-dashboard", "ok dashboard-errors-by-code",
                "ok services-list", "ok service-disable-enable", "ok service-invalid-definition", "ok trust-anchors", "ok keys",
                "ok language-kk", "ok integrator-wsdl-links", "ok integrator-signed-request", "ok integrator-contract-run",
                "ok dashboard-traffic-over-time", "ok dashboard-refresh-stops-on-leave", "ok log-detail-timeline",
                "ok crl-list-upload-remove", "ok member-create-invalid", "ok member-create", "ok member-create-duplicate",
                "ok log-detail-signatures", "console-e2e: all checks passed");
        assertThat(run.output()).contains("ok applications-timeline", "ok dashboard-sla-breaches", "ok service-invalid-sla");
        assertThat(run.output()).contains("ok integrator-endpoint-provider-run");
        assertThat(SCREENSHOTS.resolve("integrator-endpoint-provider-run.png")).exists();
        assertThat(SCREENSHOTS.resolve("applications-timeline-open.png")).exists();
        assertThat(SCREENSHOTS.resolve("dashboard-errors-by-code.png")).exists();
        assertThat(SCREENSHOTS.resolve("integrator-signed-request.png")).exists();
        assertThat(SCREENSHOTS.resolve("log-detail.png")).exists();
        assertThat(SCREENSHOTS.resolve("dashboard-traffic-over-time.png")).exists();
        assertThat(SCREENSHOTS.resolve("log-detail-signatures.png")).exists();
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.get("/sandbox/async-receiver?messageId=" + messageId).body()
                .equals("attempts=" + (ATTEMPTS + 1) + " taken=true"));
        assertThat(Files.readString(registryDir.resolve("members.yaml"))).doesNotContain("console-e2e");
        assertThat(Files.readString(registryDir.resolve("members.yaml"))).as("created once, not overwritten")
                .containsOnlyOnce("ui-created-member:").contains("123456789011").doesNotContain("ui-created/none.pem");
        assertThat(data.resolve("crls/ui-overdue.crl")).as("uploaded, then removed").doesNotExist();
        assertThat(Files.readString(registryDir.resolve("services.yaml"))).as("disabled, enabled again, refused edit")
                .doesNotContain("disabled", "soon");
    }

    /** A CRL of the gateway's development PKI with one entry whose nextUpdate has passed, as a DER file. */
    private static Path overdueCrl() throws Exception {
        Instant now = Instant.now();
        byte[] crl = gateway.pki().crl(List.of(gateway.pki().officer().certificate()), now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1))).getEncoded();
        return Files.write(data.resolve("overdue-upload.crl"), crl);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result node(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "run.mjs"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(TestGateway.projectDir().resolve("test-tools/console-e2e").toFile())
                .redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("run.mjs ended").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String text(String body, String element) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + element + ">([^<]+)</").matcher(body);
        assertThat(m.find()).as(element + " in " + body).isTrue();
        return m.group(1);
    }
}
