package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.AdminGateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.Pem;
import org.qaqpa.security.wss.TrustAnchors;

/**
 * Trust anchors changed through the admin API on a running gateway: a member whose certificate a new CA issued is
 * refused, accepted once that CA is uploaded (no restart), refused again once it is removed; non-CA and unreadable
 * uploads are refused with a JSON error. Revocation is off: the new CA has no responder here.
 */
class TrustAnchorUploadTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();

    @TempDir
    static Path data;
    private static TestGateway gateway;
    private static URI admin;
    /** Another CA than the gateway's development PKI, with a member certificate of the same IIN and BIN as dev-client's. */
    private static DevPki otherCa;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig config = defaults.withSecurity(defaults.security().withRevocation("off", Optional.empty()));
        gateway = AdminGateway.start(config, data, TOKEN);
        admin = gateway.gateway().adminUri().orElseThrow();
        otherCa = DevPki.generate(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anUploadedCaIsTrustedWithoutRestartAndARemovedOneNoLonger() throws Exception {
        assertThat(callSignedByOtherCa().errorCode()).isEqualTo(ErrorCode.CERT_UNTRUSTED.name());
        String serial = TrustAnchors.serial(otherCa.intermediate().certificate());

        HttpResponse<String> added = upload(Pem.certificate(otherCa.intermediate().certificate()));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added)).containsEntry("serial", serial).containsEntry("removable", true);
        SoapResponse accepted = callSignedByOtherCa();
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(anchors()).anySatisfy(anchor -> assertThat(anchor).containsEntry("serial", serial)
                .hasEntrySatisfying("daysToExpiry", days -> assertThat(((Number) days).longValue()).isPositive()));
        assertThat(data.resolve("trust-anchors/anchor-" + serial + ".pem")).exists();
        assertThat(gateway.get("/metrics").body()).contains("serial=\"" + serial + "\"");

        HttpResponse<String> removed = send("DELETE", "trust-anchors/" + serial, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(callSignedByOtherCa().errorCode()).isEqualTo(ErrorCode.CERT_UNTRUSTED.name());
        assertThat(anchors()).noneSatisfy(anchor -> assertThat(anchor).containsEntry("serial", serial));
        assertThat(Files.exists(data.resolve("trust-anchors/anchor-" + serial + ".pem"))).isFalse();
        assertThat(send("DELETE", "trust-anchors/" + serial, null).statusCode()).isEqualTo(404);
        assertThat(auditStatuses("trust-anchor.remove", serial)).containsExactlyInAnyOrder("DONE", "REFUSED");
    }

    @Test
    void refusesACertificateThatIsNoCa() throws Exception {
        HttpResponse<String> response = upload(Pem.certificate(otherCa.legalEntity().certificate()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "BAD_REQUEST").containsEntry("field", "body");
        assertThat((String) json(response).get("message")).contains("not a CA certificate");
        assertThat(anchors()).noneSatisfy(anchor -> assertThat(anchor)
                .containsEntry("serial", TrustAnchors.serial(otherCa.legalEntity().certificate())));
    }

    @Test
    void refusesABodyThatIsNoCertificate() throws Exception {
        HttpResponse<String> response = upload("hello");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("field", "body");
    }

    @Test
    void keepsTheDevelopmentRoots() throws Exception {
        String root = TrustAnchors.serial(gateway.pki().root().certificate());
        assertThat(anchors()).anySatisfy(anchor -> assertThat(anchor).containsEntry("serial", root).containsEntry("removable", false));

        HttpResponse<String> response = send("DELETE", "trust-anchors/" + root, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(json(response)).containsEntry("error", "CONFLICT");
    }

    @Test
    void refusesAnUploadWithoutToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve("trust-anchors"))
                .POST(HttpRequest.BodyPublishers.ofString(Pem.certificate(otherCa.root().certificate()))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "UNAUTHORIZED");
    }

    private SoapResponse callSignedByOtherCa() throws Exception {
        String envelope = TestGateway.sign(Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>other CA</ping>"), otherCa.legalEntity());
        return gateway.post("/bip-sync/", Envelopes.bytes(envelope));
    }

    private HttpResponse<String> upload(String pem) throws Exception {
        return send("POST", "trust-anchors", pem);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> anchors() throws Exception {
        HttpResponse<String> response = send("GET", "trust-anchors", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) json(response).get("anchors");
    }

    @SuppressWarnings("unchecked")
    private List<Object> auditStatuses(String action, String target) throws Exception {
        HttpResponse<String> found = send("GET", "log?sender=admin&service=" + action + "&limit=500", null);
        return ((List<Map<String, Object>>) json(found).get("entries")).stream()
                .filter(row -> target.equals(row.get("messageId"))).map(row -> row.get("status")).toList();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
