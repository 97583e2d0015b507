package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.AdminGateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;

/**
 * The CRLs of a running gateway through the admin API (docs/admin-api.md "CRLs"): a CRL of the development PKI
 * uploaded revoking a member's certificate is listed and refuses that member at once; removed, it is gone from the
 * list and the member is accepted again, without restart. Revocation is {@code crl}, so the CRLs alone decide.
 */
class CrlAdminApiTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();

    @TempDir
    static Path data;
    private static TestGateway gateway;
    private static URI admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig defaults = GatewayConfig.defaults();
        gateway = AdminGateway.start(defaults.withSecurity(defaults.security().withRevocation("crl", Optional.empty())),
                data, TOKEN);
        admin = gateway.gateway().adminUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anUploadedCrlIsListedAndUsedAndNoLongerOnceRemoved() throws Exception {
        IssuedCertificate doomed = gateway.pki().issue(LeafSpec.signing(DevPki.LEGAL_ENTITY_DN, Instant.now()));
        assertThat(post(doomed).errorCode()).as("accepted before").isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
        byte[] crl = gateway.pki().crl(List.of(doomed.certificate()), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))).getEncoded();

        HttpResponse<String> uploaded = send("POST", "crls/revoked-member.crl", HttpRequest.BodyPublishers.ofByteArray(crl));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(post(doomed).errorCode()).as("refused at once").isEqualTo(ErrorCode.CERT_REVOKED.name());
        assertThat(crls()).anySatisfy(row -> assertThat(row).containsEntry("name", "revoked-member.crl")
                .containsEntry("origin", "directory").containsEntry("removable", true).containsEntry("overdue", false)
                .containsEntry("issuer", gateway.pki().intermediate().certificate().getSubjectX500Principal().getName())
                .hasEntrySatisfying("revoked", count -> assertThat(((Number) count).intValue()).isEqualTo(1)));
        assertThat(crls()).anySatisfy(row -> assertThat(row).containsEntry("origin", "development-pki")
                .containsEntry("removable", false));
        assertThat(data.resolve("crls/revoked-member.crl")).exists();

        HttpResponse<String> removed = send("DELETE", "crls/revoked-member.crl", HttpRequest.BodyPublishers.noBody());
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed)).containsEntry("removed", true);
        assertThat(crls()).noneSatisfy(row -> assertThat(row).containsEntry("name", "revoked-member.crl"));
        assertThat(Files.exists(data.resolve("crls/revoked-member.crl"))).isFalse();
        assertThat(post(doomed).errorCode()).as("accepted again").isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());

        HttpResponse<String> again = send("DELETE", "crls/revoked-member.crl", HttpRequest.BodyPublishers.noBody());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(auditStatuses("crl.remove", "revoked-member.crl")).containsExactlyInAnyOrder("DONE", "REFUSED");
        assertThat(auditStatuses("crl.upload", "revoked-member.crl")).containsExactly("DONE");
    }

    @Test
    void refusesRemovingThePkisOwnCrlOrAnotherFile() throws Exception {
        HttpResponse<String> own = send("DELETE", "crls/crl.pem", HttpRequest.BodyPublishers.noBody());
        assertThat(own.statusCode()).as("not in the upload directory").isEqualTo(404);
        assertThat(data.resolve("pki/crl.pem")).exists();

        HttpResponse<String> other = send("DELETE", "crls/members.yaml", HttpRequest.BodyPublishers.noBody());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
        assertThat(json(other)).containsEntry("field", "file");
    }

    @Test
    void refusesListingAndRemovingWithoutToken() throws Exception {
        for (String method : List.of("GET", "DELETE")) {
            String path = method.equals("GET") ? "crls" : "crls/x.crl";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(method).isEqualTo(401);
            assertThat(json(response)).containsEntry("error", "UNAUTHORIZED");
        }
    }

    private TestGateway.SoapResponse post(IssuedCertificate signer) throws Exception {
        return gateway.post("/bip-sync/", TestGateway.sign(Envelopes.sendMessage("NO_SUCH_SERVICE", "x"), signer)
                .getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> crls() throws Exception {
        HttpResponse<String> response = send("GET", "crls", HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) json(response).get("crls");
    }

    @SuppressWarnings("unchecked")
    private List<Object> auditStatuses(String action, String target) throws Exception {
        HttpResponse<String> found = send("GET", "log?sender=admin&service=" + action + "&limit=500",
                HttpRequest.BodyPublishers.noBody());
        return ((List<Map<String, Object>>) json(found).get("entries")).stream()
                .filter(row -> target.equals(row.get("messageId"))).map(row -> row.get("status")).toList();
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
