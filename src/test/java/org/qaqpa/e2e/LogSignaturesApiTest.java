package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.AdminGateway.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.XmlBytes;

/**
 * The {@code signatures} of {@code GET /admin/log/{id}} against a running gateway (docs/admin-api.md): a request
 * signed by the development PKI's legal entity shows its transport signature with the sender's IIN and BIN and a
 * trusted chain, for the request and beside its answer's row; a business signature changed after signing shows as
 * invalid, and one by a CA the gateway does not trust as untrusted, though the gateway relayed both (the service does
 * not require a business signature); an envelope that is not XML, or carries no signature, gets a note.
 */
class LogSignaturesApiTest {

    private static final String TOKEN = "test-admin-token-" + UUID.randomUUID();

    @TempDir
    static Path data;
    @TempDir
    static Path registryDir;
    private static TestGateway gateway;
    private static URI admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = AdminGateway.start(data, registryDir, TOKEN, 3);
        admin = gateway.gateway().adminUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheSendersTransportSignatureWithIinBinAndTrustedChainForRequestAndAnswer() throws Exception {
        Map<String, Object> detail = detailOfRequest("<ping xmlns=\"urn:e2e\">signatures</ping>");

        List<Map<String, Object>> rows = (List<Map<String, Object>>) detail.get("signatures");
        assertThat(rows).extracting(row -> row.get("kind")).containsExactly("REQUEST", "RESPONSE");
        Map<String, Object> request = rows.get(0);
        assertThat(request).containsEntry("current", true).containsEntry("note", null);
        Map<String, Object> transport = ((List<Map<String, Object>>) request.get("signatures")).get(0);
        assertThat(transport).containsEntry("kind", "transport").containsEntry("covers", "soap:Body")
                .containsEntry("valid", true).containsEntry("signatureValid", true).containsEntry("problem", null);
        assertThat((Map<String, Object>) transport.get("signer")).containsEntry("iin", "123456789011")
                .containsEntry("bin", "123456789021").containsEntry("issuer", "CN=QAQPA DEV NCA (RSA),C=KZ");
        assertThat((Map<String, Object>) transport.get("chain")).containsEntry("status", "trusted");
        Map<String, Object> answer = rows.get(1);
        assertThat(answer).containsEntry("current", false);
        assertThat(answer.get("note") != null || !((List<?>) answer.get("signatures")).isEmpty())
                .as("the answer row says what it carries: %s", answer).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsAChangedBusinessSignatureAsInvalidAndAnUnknownCaAsUntrusted() throws Exception {
        String changed = businessSigned(gateway.pki().individual()).replace("Qazaq", "Changed");
        DevPki other = DevPki.generate(Clock.systemUTC());

        Map<String, Object> tampered = dataSignature(detailOfRequest(changed));
        Map<String, Object> unknown = dataSignature(detailOfRequest(businessSigned(other.individual())));

        assertThat(tampered).containsEntry("kind", "data").containsEntry("covers", "application")
                .containsEntry("valid", false).containsEntry("signatureValid", false);
        assertThat((Map<String, Object>) tampered.get("problem")).containsEntry("code", "SIGNATURE_INVALID");
        assertThat((Map<String, Object>) tampered.get("chain")).containsEntry("status", "trusted");
        assertThat(unknown).containsEntry("signatureValid", true).containsEntry("valid", false);
        assertThat((Map<String, Object>) unknown.get("chain")).containsEntry("status", "untrusted")
                .containsEntry("code", "CERT_UNTRUSTED");
        assertThat((Map<String, Object>) unknown.get("signer")).containsEntry("iin", "123456789011");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEnvelopeThatIsNotXmlOrUnsignedGetsANoteAndNoSignatures() throws Exception {
        String session = "{" + UUID.randomUUID() + "}";
        LoggedRow broken = gateway.messageLog().record(new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "dev-client",
                "TEST_SERVICE_ID", "m-broken", session, null, null, "RECEIVED", null,
                "<soapenv:Envelope><not xml".getBytes(StandardCharsets.UTF_8)));
        LoggedRow unsigned = gateway.messageLog().record(new LogEntry(LogEntry.Kind.RESPONSE, LogEntry.Channel.SYNC, "dev-client",
                "TEST_SERVICE_ID", "m-unsigned", session, null, null, "ANSWERED", null,
                Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>").strip().getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> shown = get("log/" + broken.id());

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json(shown).get("signatures");
        assertThat(rows).extracting(row -> String.valueOf(row.get("rowId")))
                .containsExactly(String.valueOf(broken.id()), String.valueOf(unsigned.id()));
        assertThat((String) rows.get(0).get("note")).contains("cannot be read as XML");
        assertThat((String) rows.get(1).get("note")).isEqualTo("the envelope carries no signature");
        assertThat(rows).allSatisfy(row -> assertThat((List<?>) row.get("signatures")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataSignature(Map<String, Object> detail) {
        Map<String, Object> request = ((List<Map<String, Object>>) detail.get("signatures")).stream()
                .filter(row -> Boolean.TRUE.equals(row.get("current"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) request.get("signatures")).stream()
                .filter(signature -> "data".equals(signature.get("kind"))).findFirst().orElseThrow();
    }

    /** Sends {@code payload} signed for transport by the legal entity; the detail of its REQUEST row. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> detailOfRequest(String payload) throws Exception {
        SoapResponse answered = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", payload));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        Matcher session = Pattern.compile("<(?:\\w+:)?sessionId>([^<]+)</").matcher(answered.body());
        assertThat(session.find()).isTrue();
        Map<String, Object> search = json(get("log?sessionId=" + java.net.URLEncoder.encode(session.group(1), StandardCharsets.UTF_8)));
        Object id = ((List<Map<String, Object>>) search.get("entries")).stream()
                .filter(row -> "REQUEST".equals(row.get("kind"))).findFirst().orElseThrow().get("id");
        HttpResponse<String> shown = get("log/" + id);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return json(shown);
    }

    private static String businessSigned(IssuedCertificate signer) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                "<application xmlns=\"urn:test\"><iin>123456789011</iin><film>Qazaq</film></application>".getBytes(StandardCharsets.UTF_8)));
        new XmlSigner(signer.privateKey(), signer.certificate()).signEnveloped(document);
        return new String(XmlBytes.of(document), StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(admin.resolve(path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
