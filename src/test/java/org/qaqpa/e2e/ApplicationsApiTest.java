package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.AdminGateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.sandbox.eservice.Application;
import org.qaqpa.sandbox.eservice.EServiceSandbox;
import org.qaqpa.sandbox.eservice.Portal;

/**
 * {@code GET /admin/applications} and the summary's SLA sections over HTTP against a gateway whose sandbox runs the
 * shipped e-services: a FILM_CERT application sent by the portal through the gateway is listed with its timeline,
 * sessionId and chain, its result and signer; the filters and the limit; the token.
 */
@SuppressWarnings("unchecked")
class ApplicationsApiTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();

    @TempDir
    static Path data;
    @TempDir
    static Path registryDir;
    private static TestGateway gateway;
    private static EServiceSandbox eservices;
    private static URI admin;
    private static Application atProvider;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = AdminGateway.start(data, registryDir, TOKEN, 3);
        admin = gateway.gateway().adminUri().orElseThrow();
        eservices = gateway.startShippedEServices();
        Portal.Entry entry = eservices.portal().apply(gateway.pki().individual(), FilmCertificateTest.form("123456789011", Map.of()));
        EServiceAssertions.assertResultIssued(entry);
        atProvider = EServiceAssertions.atProvider(eservices, entry);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void listsAnApplicationSentThroughTheGatewayWithItsTimeline() throws Exception {
        Map<String, Object> answer = get("applications?service=FILM_CERT");

        assertThat(answer).containsEntry("sandbox", true);
        List<Map<String, Object>> applications = (List<Map<String, Object>>) answer.get("applications");
        Map<String, Object> listed = applications.stream()
                .filter(a -> atProvider.chainId().orElseThrow().equals(a.get("chainId"))).findFirst().orElseThrow();
        assertThat(listed).containsEntry("service", "FILM_CERT").containsEntry("channel", "PORTAL")
                .containsEntry("state", "COMPLETED").containsEntry("number", atProvider.number())
                .containsEntry("resultNumber", atProvider.resultNumber().orElseThrow())
                .containsEntry("applicantId", "123456789011").containsEntry("frontEnd", "portal");
        assertThat((String) listed.get("resultSigner")).contains("IIN " + EServiceAssertions.OFFICER_IIN);
        assertThat((String) listed.get("sessionId")).isNotBlank();
        assertThat((List<Map<String, Object>>) listed.get("timeline")).extracting(step -> step.get("stepId"))
                .containsExactly("FILM-A5", "FILM-A6", "FILM-A7", "FILM-A9", "FILM-R");
        assertThat(((List<Map<String, Object>>) listed.get("timeline")).get(0))
                .containsKeys("name", "started", "millis", "breached").extractingByKey("limitMillis").asString().isEqualTo("60000");
        Map<String, Object> log = get("log?sessionId=" + java.net.URLEncoder.encode((String) listed.get("sessionId"),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat((List<Map<String, Object>>) log.get("entries")).as("the sessionId finds the application's rows in the log")
                .anySatisfy(row -> assertThat(row).containsEntry("serviceId", "FILM_CERT_APPLICATION"));
    }

    @Test
    void filtersByStateAndLimits() throws Exception {
        assertThat((List<?>) get("applications?state=REJECTED&service=FILM_CERT").get("applications")).isEmpty();
        assertThat((List<?>) get("applications?service=NO_SUCH").get("applications")).isEmpty();
        assertThat((List<?>) get("applications?limit=1").get("applications")).hasSize(1);
        HttpResponse<String> refused = send("applications?limit=0", TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused)).containsEntry("error", "BAD_REQUEST").containsEntry("field", "limit");
    }

    @Test
    void summarisesSlaBreachesOfTheShippedEServices() throws Exception {
        Map<String, Object> summary = get("summary");

        assertThat((List<Map<String, Object>>) summary.get("slaBreaches")).as(summary.toString()).anySatisfy(row -> assertThat(row)
                .containsEntry("serviceId", "FILM_CERT_APPLICATION").containsEntry("sla", "1m").containsKey("breaches")
                .extractingByKey("slaMs").asString().isEqualTo("60000"));
        assertThat((List<Map<String, Object>>) summary.get("regulationBreaches")).anySatisfy(row -> assertThat(row)
                .containsEntry("service", "FILM_CERT").containsKey("breaches"));
    }

    @Test
    void refusesWithoutToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve("applications")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("FILM_CERT");
    }

    private Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> response = send(path, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
