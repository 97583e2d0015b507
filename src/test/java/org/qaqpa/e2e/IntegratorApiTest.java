package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.AdminGateway.json;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * The integrator routes of the admin API ({@code /admin/integrator/*}, docs/admin-api.md) against a running gateway on
 * the development PKI: the WSDL and XSD list, a request signed with a test key (its signature verifies), sent to the
 * gateway's echo service (the answer holds the payload), the shipped sync-channel suite run through the API, a suite run
 * against a provider URL of services.yaml (the sandbox's echo), and the refusals that keep the admin API from signing
 * with other keys or sending anywhere else.
 */
class IntegratorApiTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();

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

    @Test
    void listsTheWsdlsAndSchemasTheSoapListenerServes() throws Exception {
        Map<String, Object> contract = json(get("integrator/contract"));

        assertThat(contract).containsEntry("soapBase", gateway.gateway().baseUri().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) contract.get("documents");
        assertThat(documents).extracting(row -> row.get("url"))
                .contains(gateway.gateway().baseUri() + "/bip-sync/?wsdl", gateway.gateway().baseUri() + "/bip-async/?wsdl");
        assertThat(documents).filteredOn(row -> "xsd".equals(row.get("kind"))).extracting(row -> row.get("name"))
                .contains("SyncChannel/v10/Types.xsd", "SyncChannel/v10/Request.xsd", "common/v10/Types.xsd")
                .doesNotHaveDuplicates();
        assertThat(documents).allSatisfy(row -> assertThat(row).doesNotContainKey("problem"));
        for (Map<String, Object> row : documents) {
            HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create((String) row.get("url"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(document.statusCode()).as((String) row.get("url")).isEqualTo(200);
            assertThat(document.body()).contains(row.get("kind").equals("xsd") ? "schema" : "definitions");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheMemberTestKeysButNotTheGatewaysOwn() throws Exception {
        Map<String, Object> keys = json(get("integrator/keys"));

        assertThat(keys).containsEntry("developmentPki", true);
        assertThat((List<Object>) keys.get("keys")).contains("legal", "individual", "officer").doesNotContain("gateway");
    }

    @Test
    void signsABodyElementIntoAnEnvelopeWhoseSignatureVerifies() throws Exception {
        String body = sendMessage("signed-only");
        String element = body.substring(body.indexOf("<ns2:SendMessage"), body.indexOf("</soapenv:Body>"));

        HttpResponse<String> response = post("integrator/sign", Map.of("xml", element, "key", "individual"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document envelope = parse((String) json(response).get("envelope"));
        var verified = new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(),
                List.of()).verify(envelope, XmlSignatureVerifier.Mode.WSS);
        assertThat(verified.signer().getSubjectX500Principal())
                .isEqualTo(gateway.pki().individual().certificate().getSubjectX500Principal());
        assertThat(auditRows("integrator.sign", "individual")).isNotEmpty();
    }

    @Test
    void sendsTheSignedRequestToTheEchoServiceAndShowsTheAnswer() throws Exception {
        String payload = "integrator-" + UUID.randomUUID();

        HttpResponse<String> response = post("integrator/send", Map.of("xml", sendMessage(payload), "key", "legal",
                "endpoint", "/bip-sync/"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> answer = json(response);
        assertThat(number(answer, "status")).isEqualTo(200);
        assertThat((String) answer.get("answer")).contains(payload).contains("SendMessageResponse").contains("\n");
        assertThat((String) answer.get("envelope")).contains("wsse:Security");
        assertThat(auditRows("integrator.send", "legal")).extracting(row -> row.get("status")).contains("DONE");
    }

    @Test
    void refusesAnEndpointOutsideTheGateway() throws Exception {
        HttpResponse<String> response = post("integrator/send", Map.of("xml", sendMessage("x"), "key", "legal",
                "endpoint", "http://127.0.0.1:1/bip-sync/"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).containsEntry("error", "BAD_REQUEST").containsEntry("field", "endpoint");
    }

    @Test
    void refusesTheGatewaysOwnKeyAndAKeystorePath() throws Exception {
        for (String key : List.of("gateway", "../pki/legal.p12", "nobody")) {
            HttpResponse<String> response = post("integrator/sign", Map.of("xml", sendMessage("x"), "key", key));

            assertThat(response.statusCode()).as(key).isEqualTo(400);
            assertThat(json(response)).containsEntry("field", "key");
        }
    }

    @Test
    void refusesXmlThatIsNotWellFormed() throws Exception {
        HttpResponse<String> response = post("integrator/sign", Map.of("xml", "<SendMessage>", "key", "legal"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).containsEntry("field", "xml");
    }

    @Test
    void refusesWithoutToken() throws Exception {
        for (String route : List.of("integrator/keys", "integrator/endpoints")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin.resolve(route)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(route).isEqualTo(401);
        }
    }

    @Test
    void runsTheShippedSyncChannelSuiteAgainstTheGateway() throws Exception {
        Path suites = TestGateway.projectDir().resolve("src/test/resources/contract");
        Map<String, String> files = new LinkedHashMap<>();
        for (String dir : List.of("requests", "expected")) {
            try (Stream<Path> all = Files.list(suites.resolve(dir))) {
                for (Path file : all.toList()) {
                    files.put(dir + "/" + file.getFileName(), Files.readString(file));
                }
            }
        }

        HttpResponse<String> response = post("integrator/contract-run",
                Map.of("suite", Files.readString(suites.resolve("sync-channel.yaml")), "files", files));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> run = json(response);
        assertThat(run).containsEntry("suite", "Sync channel contract");
        assertThat(number(run, "failed")).isZero();
        assertThat(number(run, "passed")).isGreaterThan(5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) run.get("cases");
        assertThat(cases).allSatisfy(c -> assertThat(c).containsEntry("passed", true));
        assertThat(auditRows("integrator.contract-run", "")).isNotEmpty();
    }

    @Test
    void runsASuiteLargerThanADefinitionBody() throws Exception {
        String suite = """
                suite: large
                test-cases:
                  - name: a 200 KB payload
                    steps:
                      - endpoint: /bip-sync/
                        request: request.xml
                        assertions:
                          - status: 200
                """;
        String request = sendMessage("x".repeat(200_000));

        HttpResponse<String> response = post("integrator/contract-run", Map.of("suite", suite, "files", Map.of("request.xml", request)));
        HttpResponse<String> tooLarge = post("integrator/contract-run",
                Map.of("suite", suite, "files", Map.of("request.xml", "x".repeat(9 * 1024 * 1024))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(number(json(response), "passed")).isEqualTo(1);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("larger than 8388608 bytes");
    }

    @Test
    void reportsAFailingStep() throws Exception {
        String suite = """
                suite: failing
                test-cases:
                  - name: wrong expectation
                    steps:
                      - endpoint: /bip-sync/
                        request: request.xml
                        assertions:
                          - status: 418
                """;

        HttpResponse<String> response = post("integrator/contract-run",
                Map.of("suite", suite, "files", Map.of("request.xml", sendMessage("x"))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(number(json(response), "passed")).isZero();
        assertThat(number(json(response), "failed")).isEqualTo(1);
        assertThat(response.body()).contains("expected HTTP 418, got HTTP 200");
    }

    @Test
    void refusesASuiteThatLeavesTheGatewayOrItsDirectory() throws Exception {
        String elsewhere = """
                suite: elsewhere
                test-cases:
                  - name: to another host
                    steps:
                      - endpoint: http://192.0.2.1:8080/bip-sync/
                        request: request.xml
                        assertions:
                          - status: 200
                """;
        HttpResponse<String> proxy = post("integrator/contract-run",
                Map.of("suite", elsewhere, "files", Map.of("request.xml", sendMessage("x"))));
        HttpResponse<String> escape = post("integrator/contract-run",
                Map.of("suite", elsewhere, "files", Map.of("../request.xml", "<x/>")));

        assertThat(proxy.statusCode()).isEqualTo(400);
        assertThat(json(proxy)).containsEntry("field", "suite");
        assertThat((String) json(proxy).get("message")).contains("only the gateway's own endpoints");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat((String) json(escape).get("message")).contains("leaves the suite's directory");
    }

    @Test
    void listsTheGatewaysEndpointsAndTheRegisteredProviderUrls() throws Exception {
        Map<String, Object> listed = json(get("integrator/endpoints"));

        String sync = gateway.gateway().baseUri() + "/bip-sync/";
        assertThat(listed).containsEntry("default", sync);
        List<Map<String, Object>> endpoints = endpoints(listed);
        assertThat(endpoints.get(0)).containsEntry("label", "sync").containsEntry("kind", "gateway").containsEntry("url", sync);
        assertThat(endpoints).filteredOn(row -> "provider".equals(row.get("kind"))).extracting(row -> row.get("url"))
                .contains(echoUrl(), "http://127.0.0.1:8090/bip-sync/").doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat((String) url).matches("https?://.+"));
    }

    @Test
    void runsASuiteAgainstARegisteredProviderUrl() throws Exception {
        String payload = "provider-" + UUID.randomUUID();
        String suite = """
                suite: echo provider
                test-cases:
                  - name: the echo answers directly
                    steps:
                      - request: request.xml
                        assertions:
                          - status: 200
                          - contains: %s
                """.formatted(payload);

        HttpResponse<String> response = post("integrator/contract-run",
                Map.of("suite", suite, "files", Map.of("request.xml", sendMessage(payload)), "endpoint", echoUrl()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(number(json(response), "failed")).as(response.body()).isZero();
        assertThat(number(json(response), "passed")).isEqualTo(1);
        assertThat(auditRows("integrator.contract-run", "")).isNotEmpty();
    }

    @Test
    void refusesAnEndpointThatIsNotListed() throws Exception {
        for (String endpoint : List.of(echoUrl() + "/x", "http://192.0.2.1/bip-sync/", "/sandbox/echo")) {
            HttpResponse<String> send = post("integrator/send", Map.of("xml", sendMessage("x"), "endpoint", endpoint));
            HttpResponse<String> run = post("integrator/contract-run", Map.of("suite", "suite: x\ntest-cases: []\n",
                    "endpoint", endpoint));

            for (HttpResponse<String> response : List.of(send, run)) {
                assertThat(response.statusCode()).as(endpoint).isEqualTo(400);
                assertThat(json(response)).containsEntry("field", "endpoint");
                assertThat((String) json(response).get("message")).contains("GET /admin/integrator/endpoints");
            }
        }
    }

    @Test
    void refusesASuiteWithAStepElsewhereBeforeCallingAnything() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        try {
            String target = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/provider";
            String suite = """
                    suite: elsewhere
                    test-cases:
                      - name: first the chosen provider, then another address
                        steps:
                          - name: to the echo
                            request: request.xml
                          - name: to another address
                            endpoint: %s
                            request: request.xml
                    """.formatted(target);
            HttpResponse<String> absolute = post("integrator/contract-run",
                    Map.of("suite", suite, "files", Map.of("request.xml", sendMessage("x")), "endpoint", echoUrl()));
            HttpResponse<String> relative = post("integrator/contract-run", Map.of("suite", suite.replace(target, "/bip-sync/"),
                    "files", Map.of("request.xml", sendMessage("x")), "endpoint", echoUrl()));

            assertThat(absolute.statusCode()).as(absolute.body()).isEqualTo(400);
            assertThat(json(absolute)).containsEntry("field", "suite");
            assertThat((String) json(absolute).get("message")).contains("'to another address'", target,
                    "only the chosen provider endpoint (" + echoUrl());
            assertThat(relative.statusCode()).as(relative.body()).isEqualTo(400);
            assertThat((String) json(relative).get("message")).contains("'to another address'", echoUrl() + "/bip-sync/");
            assertThat(calls).hasValue(0);
        } finally {
            elsewhere.stop(0);
        }
    }

    /** The sandbox echo's address as the gateway calls it: services.yaml registers it by path ({@code /sandbox/echo}). */
    private static String echoUrl() {
        return gateway.sandbox().baseUrl().resolve("/sandbox/echo").toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> endpoints(Map<String, Object> listed) {
        return (List<Map<String, Object>>) listed.get("endpoints");
    }

    private static String sendMessage(String payload) {
        return Envelopes.sendMessage("TEST_SERVICE_ID", "<ping xmlns=\"urn:e2e\">" + payload + "</ping>",
                UUID.randomUUID().toString(), Envelopes.SENDER, Envelopes.PASSWORD);
    }

    private static Document parse(String xml) {
        return new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Map<String, Object>> auditRows(String action, String target) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) json(get("log?sender=admin&service="
                + URLEncoder.encode(action, StandardCharsets.UTF_8) + "&limit=500")).get("entries");
        return entries.stream().filter(row -> target.isEmpty() || target.equals(row.get("messageId"))).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, ?> body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Jsoner.serialize(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long number(Map<String, Object> json, String key) {
        return ((Number) json.get(key)).longValue();
    }
}
