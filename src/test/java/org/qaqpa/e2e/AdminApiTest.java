package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.qaqpa.e2e.AdminGateway.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;

/**
 * The admin API over HTTP on 127.0.0.1 against a running gateway (docs/admin-api.md): its token, the member
 * registry changed through it and then used on the SOAP channel, the message-log search, and a dead letter
 * redelivered. The registry files are copies of config/ in a temporary directory; quick retries as in
 * {@link QueueRedeliveryTest}.
 */
class AdminApiTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();
    private static final int ATTEMPTS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    @ParameterizedTest(name = "{0} /admin/{1}")
    @CsvSource({"GET, members", "GET, members/dev-client", "PUT, members/dev-client", "POST, members",
            "POST, members/dev-client/disable", "GET, services", "POST, services", "GET, log", "GET, log/1",
            "GET, log/1/timeline", "GET, queues", "GET, queues/qaqpa.async.delivery/dead-letters",
            "POST, queues/qaqpa.async.delivery/redeliver", "GET, summary", "GET, summary/history", "GET, crls",
            "POST, crls/x.crl", "DELETE, crls/x.crl", "GET, keys", "POST, keys/rotate", "GET, trust-anchors",
            "POST, trust-anchors", "DELETE, trust-anchors/1", "GET, applications", "GET, integrator/contract",
            "GET, integrator/keys", "GET, integrator/endpoints", "POST, integrator/sign", "POST, integrator/send", "POST, integrator/contract-run",
            "POST, reload"})
    void refusesEveryRouteWithoutToken(String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve(path))
                .method(method, method.startsWith("P") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "UNAUTHORIZED");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void refusesAWrongToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve("members"))
                .header("Authorization", "Bearer " + TOKEN + "x").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).containsEntry("error", "UNAUTHORIZED");
    }

    @Test
    void isNotServedOnTheSoapListener() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.gateway().baseUri().resolve("/admin/members"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("dev-client");
        assertThat(admin.getPort()).isNotEqualTo(gateway.gateway().port());
    }

    @Test
    void refusesAMemberWithAMissingCertificateNamingTheField() throws Exception {
        String senderId = "bad-binding-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = send("POST", "members", Map.of("senderId", senderId,
                "password-hash", TestGateway.devPasswordHash(), "certificates", List.of(registryDir.resolve("none.pem").toString()),
                "services", List.of("TEST_SERVICE_ID")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "INVALID_DEFINITION").containsEntry("field", "certificates");
        assertThat((String) json(response).get("message")).contains("none.pem: file not found");
        assertThat(Files.readString(registryDir.resolve("members.yaml"))).doesNotContain(senderId);
        assertThat(auditRows("member.add", senderId)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "REFUSED").containsEntry("errorCode", "INVALID_DEFINITION"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesTrafficErrorsLatencyAndCertificates() throws Exception {
        assertThat(call("nobody-" + UUID.randomUUID().toString().substring(0, 8)).errorCode())
                .isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
        assertThat(call(Envelopes.SENDER).status()).isEqualTo(200);

        HttpResponse<String> response = get("summary");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> summary = json(response);
        assertThat(((Map<String, Object>) summary.get("requests")).get("fault")).asString().isNotEqualTo("0");
        assertThat((List<Map<String, Object>>) summary.get("errors"))
                .anySatisfy(row -> assertThat(row).containsEntry("errorCode", "SENDER_UNKNOWN"));
        assertThat((Map<String, Object>) summary.get("latency")).extractingByKey("p95Ms").isNotNull();
        assertThat((List<Map<String, Object>>) summary.get("services"))
                .anySatisfy(row -> assertThat(row).containsEntry("serviceId", "TEST_SERVICE_ID"));
        assertThat((List<Map<String, Object>>) summary.get("certificates"))
                .anySatisfy(row -> assertThat(row).containsEntry("role", "gateway"))
                .anySatisfy(row -> assertThat(row).containsEntry("role", "trust_anchor"));
        assertThat((List<Map<String, Object>>) summary.get("queues")).isNotEmpty();
        assertThat(http.send(HttpRequest.newBuilder(admin.resolve("summary")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheTrafficOfEachIntervalInTheHistory() throws Exception {
        assertThat(call("nobody-" + UUID.randomUUID().toString().substring(0, 8)).errorCode())
                .isEqualTo(ErrorCode.SENDER_UNKNOWN.name());

        // sampled every second (AdminGateway): the refusal shows up in one of the next samples
        await().atMost(PATIENCE).until(() -> ((List<Map<String, Object>>) json(get("summary/history")).get("points")).stream()
                .anyMatch(point -> ((Map<String, Object>) point.get("refusalsByCode")).containsKey("SENDER_UNKNOWN")));
        Map<String, Object> history = json(get("summary/history"));
        assertThat(history.get("intervalMs")).asString().isEqualTo("1000");
        assertThat(history.get("size")).asString().isEqualTo("60");
        assertThat((List<Map<String, Object>>) history.get("points")).allSatisfy(point -> assertThat(point)
                .containsKeys("at", "answered", "refused", "p50Ms", "p95Ms", "p99Ms", "queued", "deadLetters"));
        assertThat(http.send(HttpRequest.newBuilder(admin.resolve("summary/history")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAMemberWithAMalformedIin() throws Exception {
        HttpResponse<String> response = send("POST", "members", Map.of("senderId", "bad-iin",
                "password-hash", TestGateway.devPasswordHash(), "iin", "12345", "services", List.of("TEST_SERVICE_ID")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("field", "iin");
    }

    @Test
    void refusesAMemberWithoutCertificateBindingNamingWhatIsMissing() throws Exception {
        HttpResponse<String> response = send("POST", "members", Map.of("senderId", "unbound",
                "password-hash", TestGateway.devPasswordHash(), "services", List.of("TEST_SERVICE_ID")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "INVALID_DEFINITION").containsEntry("field", "certificates");
    }

    @Test
    void aMemberAddedThroughTheApiCallsTheSoapChannelAndIsFoundInTheLog() throws Exception {
        String senderId = "admin-added-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(call(senderId).errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());

        HttpResponse<String> added = send("POST", "members", Map.of("senderId", senderId,
                "password-hash", TestGateway.devPasswordHash(), "iin", "123456789011", "bin", "123456789021",
                "services", List.of("TEST_SERVICE_ID")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added)).containsEntry("registered", true);
        HttpResponse<String> reloaded = send("POST", "reload", Map.of());
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(json(reloaded)).containsEntry("problem", null);

        SoapResponse answered = call(senderId);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String sessionId = sessionId(answered.body());

        HttpResponse<String> found = get("log?sessionId=" + encode(sessionId));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<Map<String, Object>> entries = entries(found);
        assertThat(entries).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("sessionId", sessionId));
        assertThat(entries).anySatisfy(row -> assertThat(row).containsEntry("senderId", senderId).containsEntry("kind", "REQUEST"));
        assertThat(auditRows("member.add", senderId)).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "DONE").containsEntry("kind", "ADMIN"));

        HttpResponse<String> disabled = send("POST", "members/" + senderId + "/disable", Map.of());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled)).containsEntry("registered", false);
        assertThat(call(senderId).errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
        assertThat(gateway.gateway().messageLogVerifier().verify().isIntact()).as("the chain with the admin rows").isTrue();
    }

    @Test
    void createsAMemberOnceAndRefusesItsIdAgainWithoutOverwriting() throws Exception {
        String senderId = "created-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "members", Map.of("senderId", senderId,
                "password-hash", TestGateway.devPasswordHash(), "bin", "123456789021", "services", List.of("TEST_SERVICE_ID")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created)).containsEntry("senderId", senderId);
        String file = Files.readString(registryDir.resolve("members.yaml"));

        HttpResponse<String> again = send("POST", "members", Map.of("senderId", senderId,
                "password-hash", TestGateway.devPasswordHash(), "bin", "990340000025", "services", List.of("TEST_SERVICE_ID")));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again)).containsEntry("error", "CONFLICT").containsEntry("field", "senderId");
        assertThat((String) json(again).get("message")).contains(senderId, "exists");
        assertThat(Files.readString(registryDir.resolve("members.yaml"))).as("not overwritten").isEqualTo(file);
        assertThat(auditRows("member.add", senderId)).extracting(row -> row.get("status"))
                .containsExactlyInAnyOrder("DONE", "REFUSED");
        assertThat(send("POST", "members", Map.of("password-hash", TestGateway.devPasswordHash(), "bin", "123456789021"))
                .body()).as("no id").contains("\"field\":\"senderId\"");
    }

    @Test
    void updatesAServiceAndKeepsTheFileUntouchedWhenTheUpdateIsRefused() throws Exception {
        Path services = registryDir.resolve("services.yaml");
        HttpResponse<String> before = get("services/TEST_SERVICE_ID");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = (Map<String, Object>) json(before).get("definition");
        String file = Files.readString(services);

        Map<String, Object> unreadable = new java.util.LinkedHashMap<>(definition);
        unreadable.put("timeout", "soon");
        HttpResponse<String> refused = send("PUT", "services/TEST_SERVICE_ID", unreadable);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused)).containsEntry("error", "INVALID_DEFINITION").containsEntry("field", "timeout");
        assertThat(Files.readString(services)).isEqualTo(file);

        Map<String, Object> longer = new java.util.LinkedHashMap<>(definition);
        longer.put("timeout", "7s");
        HttpResponse<String> updated = send("PUT", "services/TEST_SERVICE_ID", longer);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(gateway.gateway().services().find("TEST_SERVICE_ID").orElseThrow().provider().timeout())
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(send("POST", "services", Map.of("serviceId", "TEST_SERVICE_ID", "url", "/sandbox/echo", "bin", "990340000025"))
                .statusCode()).as("an id that exists").isEqualTo(409);
        assertThat(get("services/NO_SUCH_SERVICE").statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsOneLogRowWithItsEnvelopeAndItsExchange() throws Exception {
        SoapResponse answered = call(Envelopes.SENDER);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String sessionId = sessionId(answered.body());
        Map<String, Object> request = entries(get("log?sessionId=" + encode(sessionId))).stream()
                .filter(row -> "REQUEST".equals(row.get("kind"))).findFirst().orElseThrow();

        HttpResponse<String> shown = get("log/" + request.get("id"));

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        Map<String, Object> detail = json(shown);
        assertThat((Map<String, Object>) detail.get("entry")).containsEntry("id", request.get("id"))
                .containsEntry("sessionId", sessionId).containsKey("bodySha256");
        assertThat((String) detail.get("envelope")).contains("<ping xmlns=\"urn:e2e\">admin</ping>");
        assertThat((List<Map<String, Object>>) detail.get("exchange")).extracting(row -> row.get("kind"))
                .containsExactly("REQUEST", "RESPONSE");
        assertThat(get("log/999999999").statusCode()).isEqualTo(404);
        assertThat(json(get("log/abc"))).containsEntry("error", "BAD_REQUEST").containsEntry("field", "id");
        assertThat(http.send(HttpRequest.newBuilder(admin.resolve("log/" + request.get("id"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("without a token").isEqualTo(401);
    }

    @Test
    void pagesTheLogNewestFirstWithACursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call(Envelopes.SENDER).status()).isEqualTo(200);
        }
        List<Map<String, Object>> first = entries(get("log?sender=" + Envelopes.SENDER + "&limit=2"));
        String next = (String) json(get("log?sender=" + Envelopes.SENDER + "&limit=2")).get("next");
        List<Map<String, Object>> second = entries(get("log?sender=" + Envelopes.SENDER + "&limit=2&after=" + next));

        assertThat(first).hasSize(2);
        assertThat(second).isNotEmpty();
        long lastOfFirst = ((Number) first.get(1).get("id")).longValue();
        assertThat(((Number) first.get(0).get("id")).longValue()).isGreaterThan(lastOfFirst);
        assertThat(((Number) second.get(0).get("id")).longValue()).isLessThan(lastOfFirst);
        assertThat(json(get("log?limit=0"))).containsEntry("error", "BAD_REQUEST").containsEntry("field", "limit");
    }

    @Test
    void redeliversADeadLetter() throws Exception {
        SoapResponse accepted = gateway.postSigned("/bip-async/", AsyncMessages.failingFirst(ATTEMPTS));
        String messageId = text(accepted.body(), "messageId");
        await().atMost(PATIENCE).until(() -> deadLetterIds().contains(messageId));

        Map<String, Object> queues = json(get("queues"));
        assertThat((List<Map<String, Object>>) queues.get("queues")).anySatisfy(queue -> assertThat(queue)
                .containsEntry("name", "qaqpa.async.delivery")
                .hasEntrySatisfying("deadLetters", count -> assertThat(((Number) count).longValue()).isPositive()));

        HttpResponse<String> otherQueue = send("POST", "queues/qaqpa.async.notify/redeliver", Map.of("messageId", messageId));
        assertThat(otherQueue.statusCode()).as(otherQueue.body()).isEqualTo(409);
        assertThat(otherQueue.body()).contains("a dead letter of qaqpa.async.delivery, not of qaqpa.async.notify");
        assertThat(deadLetterIds()).contains(messageId);

        HttpResponse<String> redelivered = send("POST", "queues/qaqpa.async.delivery/redeliver", Map.of("messageId", messageId));
        assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(200);
        assertThat(json(redelivered)).containsEntry("state", "ON_DELIVERY").containsEntry("queue", "qaqpa.async.delivery");

        await().atMost(PATIENCE).until(() -> gateway.get("/sandbox/async-receiver?messageId=" + messageId).body()
                .equals("attempts=" + (ATTEMPTS + 1) + " taken=true"));
        assertThat(deadLetterIds()).doesNotContain(messageId);
        HttpResponse<String> again = send("POST", "queues/qaqpa.async.delivery/redeliver", Map.of("messageId", messageId));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(auditRows("queue.redeliver", "qaqpa.async.delivery " + messageId)).extracting(row -> row.get("status"))
                .containsExactlyInAnyOrder("DONE", "REFUSED");
    }

    private List<String> deadLetterIds() throws Exception {
        HttpResponse<String> response = get("queues/qaqpa.async.delivery/dead-letters");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) json(response).get("deadLetters")).stream()
                .map(letter -> (String) letter.get("messageId")).toList();
    }

    /** The admin rows of {@code action} on {@code target}, found by the log search. */
    private List<Map<String, Object>> auditRows(String action, String target) throws Exception {
        return entries(get("log?sender=admin&service=" + encode(action) + "&limit=500")).stream()
                .filter(row -> target.equals(row.get("messageId"))).toList();
    }

    private SoapResponse call(String senderId) throws Exception {
        return gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping xmlns=\"urn:e2e\">admin</ping>",
                UUID.randomUUID().toString(), senderId, Envelopes.PASSWORD));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, Map<String, ?> body) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Jsoner.serialize(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }


    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) json(response).get("entries");
    }

    private static String sessionId(String body) {
        return text(body, "sessionId");
    }

    private static String text(String body, String element) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + element + ">([^<]+)</").matcher(body);
        assertThat(m.find()).as(element + " in " + body).isTrue();
        return m.group(1);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
