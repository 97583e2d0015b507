package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.log.LoggedRow;

/**
 * {@code GET /admin/log/{id}/timeline} over a national node and the development regional node in this JVM, both with
 * their admin API on, as {@link RegionalGatewayTest} runs them. The national node's {@code admin.peers} name the
 * regional node, a node nothing listens for, and the regional node again with a token it refuses; the regional
 * node's name the national one. A member of the region calls a national service: both nodes log the exchange.
 */
class TimelineAcrossNodesTest {

    private static final String NATIONAL_TOKEN = "national-admin-" + UUID.randomUUID();
    private static final String REGIONAL_TOKEN = "regional-admin-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static TestGateway national;
    private static TestGateway regional;
    private static URI nationalAdmin;
    private static URI regionalAdmin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        int regionalAdminPort = freePort();
        String regionalUrl = "http://127.0.0.1:" + regionalAdminPort + "/admin/";
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig nationalConfig = defaults.withAdmin(defaults.admin().withPeers(List.of(
                new GatewayConfig.Peer("dev-region", regionalUrl, "REGIONAL_ADMIN_TOKEN"),
                new GatewayConfig.Peer("offline-region", "http://127.0.0.1:" + freePort() + "/admin/", "OFFLINE_ADMIN_TOKEN"),
                new GatewayConfig.Peer("impostor", regionalUrl, "WRONG_ADMIN_TOKEN"))));
        national = TestGateway.start(nationalConfig, dir.resolve("national"), name -> switch (name) {
            case "QAQPA_ADMIN_TOKEN" -> NATIONAL_TOKEN;
            case "REGIONAL_ADMIN_TOKEN" -> REGIONAL_TOKEN;
            case "OFFLINE_ADMIN_TOKEN" -> "whatever-it-would-be-" + UUID.randomUUID();
            case "WRONG_ADMIN_TOKEN" -> NATIONAL_TOKEN;
            default -> System.getenv(name);
        });
        nationalAdmin = national.gateway().adminUri().orElseThrow();

        GatewayConfig region = defaults
                .withRegistry(new GatewayConfig.Registry("config/regional/members.yaml", "config/regional/services.yaml",
                        Duration.ZERO))
                .withFederation(new GatewayConfig.Federation(GatewayConfig.Federation.REGIONAL, "dev-region",
                        defaults.federation().passwordEnv(), Optional.of(new GatewayConfig.Upstream(
                                national.uri("/bip-sync/").toString(), Optional.empty(), Optional.empty(),
                                GatewayConfig.Upstream.DEFAULT_TIMEOUT))));
        region = region.withAdmin(region.admin().withPeers(List.of(
                new GatewayConfig.Peer("qaqpa-national", nationalAdmin.toString(), "NATIONAL_ADMIN_TOKEN"))));
        regional = TestGateway.startBeside(region, dir.resolve("regional"), name -> switch (name) {
            case "QAQPA_ADMIN_TOKEN" -> REGIONAL_TOKEN;
            case "NATIONAL_ADMIN_TOKEN" -> NATIONAL_TOKEN;
            default -> System.getenv(name);
        }, national, regionalAdminPort);
        regionalAdmin = regional.gateway().adminUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(regional, national);
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheRowsOfBothNodesOldestFirstOnTheNationalNode() throws Exception {
        String sessionId = regionalExchange();
        LoggedRow nationalRequest = national.gateway().messageLogReader().exchange(sessionId).get(0);

        Map<String, Object> timeline = timeline(nationalAdmin, NATIONAL_TOKEN, nationalRequest.id());

        assertThat(timeline).containsEntry("sessionId", sessionId).containsEntry("node", "qaqpa-national");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) timeline.get("rows");
        assertThat(rows).extracting(row -> row.get("node"), row -> row.get("local"), row -> row.get("kind"),
                row -> row.get("senderId")).containsExactlyInAnyOrder(
                tuple("dev-region", false, "REQUEST", Envelopes.SENDER),
                tuple("qaqpa-national", true, "REQUEST", "dev-region"),
                tuple("qaqpa-national", true, "RESPONSE", "dev-region"),
                tuple("dev-region", false, "RESPONSE", Envelopes.SENDER));
        assertThat(rows).extracting(row -> Instant.parse((String) row.get("loggedAt")))
                .isSortedAccordingTo(Instant::compareTo);
        // the regional node received the request before it forwarded it, and answered after the national node did
        assertThat(rows.get(0)).containsEntry("node", "dev-region").containsEntry("kind", "REQUEST");
        assertThat(rows.get(rows.size() - 1)).containsEntry("node", "dev-region").containsEntry("kind", "RESPONSE");
        assertThat(rows).filteredOn(row -> row.get("local").equals(true)).extracting(row -> ((Number) row.get("id")).longValue())
                .contains(nationalRequest.id());
        assertThat((List<Map<String, Object>>) timeline.get("nodes")).extracting(node -> node.get("name"), node -> ((Number) node.get("rows")).intValue())
                .containsExactly(tuple("qaqpa-national", 2), tuple("dev-region", 2), tuple("offline-region", 0),
                        tuple("impostor", 0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesAPeerThatIsDownOrRefusesUnderProblemsAndStillAnswers() throws Exception {
        String sessionId = regionalExchange();
        long id = national.gateway().messageLogReader().exchange(sessionId).get(0).id();

        Map<String, Object> timeline = timeline(nationalAdmin, NATIONAL_TOKEN, id);

        List<Map<String, Object>> problems = (List<Map<String, Object>>) timeline.get("problems");
        assertThat(problems).extracting(problem -> problem.get("node")).containsExactly("offline-region", "impostor");
        assertThat((String) problems.get(0).get("problem")).startsWith("unreachable");
        assertThat((String) problems.get(1).get("problem")).startsWith("refused (HTTP 401)").contains("WRONG_ADMIN_TOKEN");
        assertThat((List<Map<String, Object>>) timeline.get("rows")).extracting(row -> row.get("node")).contains("dev-region");
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheNationalRowsOnTheRegionalNodeToo() throws Exception {
        String sessionId = regionalExchange();
        long id = regional.gateway().messageLogReader().exchange(sessionId).get(0).id();

        Map<String, Object> timeline = timeline(regionalAdmin, REGIONAL_TOKEN, id);

        assertThat((List<Map<String, Object>>) timeline.get("problems")).isEmpty();
        assertThat((List<Map<String, Object>>) timeline.get("rows")).extracting(row -> row.get("node"), row -> row.get("kind"))
                .containsExactly(tuple("dev-region", "REQUEST"), tuple("qaqpa-national", "REQUEST"),
                        tuple("qaqpa-national", "RESPONSE"), tuple("dev-region", "RESPONSE"));
    }

    @Test
    void isBehindTheAdminTokenAndNamesABadId() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(nationalAdmin.resolve("log/1/timeline")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("without a token").isEqualTo(401);
        assertThat(get(nationalAdmin, NATIONAL_TOKEN, "log/999999999/timeline").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get(nationalAdmin, NATIONAL_TOKEN, "log/abc/timeline");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"id\"");
        assertThat(http.send(HttpRequest.newBuilder(nationalAdmin.resolve("log/1/timeline"))
                .header("Authorization", "Bearer " + NATIONAL_TOKEN).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    /** dev-client asks its region for a national service; answers the exchange's sessionId. */
    private static String regionalExchange() throws Exception {
        SoapResponse answer = regional.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>timeline</ping>"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.document().getElementsByTagName("sessionId").item(0).getTextContent();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> timeline(URI admin, String token, long id) throws Exception {
        HttpResponse<String> response = get(admin, token, "log/" + id + "/timeline");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Map<String, Object>) Jsoner.deserialize(response.body());
    }

    private HttpResponse<String> get(URI admin, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on right now (a peer node that is down, or one that starts later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
