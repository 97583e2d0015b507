package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.xml.XmlBytes;

/**
 * The sync channel with real providers: the sandbox echo of {@code TEST_SERVICE_ID} and the
 * misbehaving sandbox providers, each provider failure with its exact code; duplicates; the
 * business signature reaching the provider intact.
 */
class ProviderCallTest {

    private static final String STRING_TYPE =
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\"";

    @TempDir
    static Path dir;

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String hash = TestGateway.devPasswordHash();
        StringBuilder services = new StringBuilder("services:\n  TEST_SERVICE_ID:\n    url: /sandbox/echo\n    bin: \"990340000025\"\n");
        for (String mode : List.of("slow", "unsigned", "wrong-signer", "fault", "garbage", "tampered")) {
            services.append("  FAULTY_").append(mode.toUpperCase().replace('-', '_')).append(":\n    url: /sandbox/faulty/")
                    .append(mode).append("\n    bin: \"990340000025\"\n    timeout: 1s\n");
        }
        Path servicesFile = Files.writeString(dir.resolve("services.yaml"), services);
        Path membersFile = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  dev-client:
                    password-hash: %s
                    iin: "123456789011"
                    bin: "123456789021"
                    services: [TEST_SERVICE_ID, FAULTY_SLOW, FAULTY_UNSIGNED, FAULTY_WRONG_SIGNER, FAULTY_FAULT, FAULTY_GARBAGE, FAULTY_TAMPERED]
                """.formatted(hash));
        GatewayConfig defaults = GatewayConfig.defaults();
        gateway = TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(membersFile.toString(),
                servicesFile.toString(), defaults.registry().reloadInterval())), dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void echoesThroughTheGatewaySignedByTheGatewayAndLogsBothRows() throws Exception {
        SoapResponse answer = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>p-4711</ping>"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<ping>p-4711</ping>", "<code>Success</code>");
        VerifiedSignature signature = new XmlSignatureVerifier(new AlgorithmTable(false), true,
                XmlSignatureVerifier.defaultIdAttributes(), List.of()).verify(answer.document(), XmlSignatureVerifier.Mode.WSS);
        assertThat(signature.signer()).isEqualTo(gateway.pki().gateway().certificate());
        String sessionId = answer.document().getElementsByTagName("sessionId").item(0).getTextContent();
        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(sessionId);
        assertThat(rows).extracting(LoggedRow::kind).containsExactly(LogEntry.Kind.REQUEST, LogEntry.Kind.RESPONSE);
        // the response row holds the provider's own signed answer
        assertThat(new String(gateway.gateway().messageLogReader().body(rows.get(1).id()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("p-4711", "SignatureValue");
    }

    @Test
    void aBusinessSignatureReachesTheProviderIntactInBothDataForms() throws Exception {
        String signed = businessSigned();

        SoapResponse typed = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", signed));
        String escaped = signed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        SoapResponse string = gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", escaped)
                .replace("<data>", "<data " + STRING_TYPE + ">"));

        // the echo provider verified the citizen's signature on what it received
        assertThat(typed.body()).as(typed.body()).contains("business signature valid: IIN123456789011");
        assertThat(string.body()).as(string.body()).contains("business signature valid: IIN123456789011");
    }

    @Test
    void refusesASecondRequestWithTheSameMessageId() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>", messageId, Envelopes.SENDER, Envelopes.PASSWORD);

        assertThat(gateway.postSigned("/bip-sync/", request).status()).isEqualTo(200);
        assertRefused(gateway.postSigned("/bip-sync/", request), ErrorCode.DUPLICATE_MESSAGE);
    }

    @Test
    void refusesAMessageDatedTooFarAhead() throws Exception {
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>").replaceFirst("<messageDate>[^<]*</messageDate>",
                "<messageDate>2099-01-01T00:00:00Z</messageDate>");

        assertRefused(gateway.postSigned("/bip-sync/", request), ErrorCode.MESSAGE_DATE_SKEW);
    }

    @Test
    void refusesASlowProviderAfterItsTimeout() throws Exception {
        assertRefused(call("FAULTY_SLOW"), ErrorCode.PROVIDER_TIMEOUT);
    }

    @Test
    void refusesAnUnsignedProviderAnswer() throws Exception {
        assertRefused(call("FAULTY_UNSIGNED"), ErrorCode.PROVIDER_SIGNATURE_INVALID);
    }

    @Test
    void refusesAProviderAnswerSignedByAnotherCertificate() throws Exception {
        SoapResponse response = call("FAULTY_WRONG_SIGNER");

        assertRefused(response, ErrorCode.PROVIDER_SIGNATURE_INVALID);
        assertThat(response.detailText("errorMessage")).contains("not by", "990340000025");
    }

    @Test
    void refusesATamperedProviderAnswer() throws Exception {
        assertRefused(call("FAULTY_TAMPERED"), ErrorCode.PROVIDER_SIGNATURE_INVALID);
    }

    @Test
    void relaysAProviderFaultAsSubError() throws Exception {
        SoapResponse response = call("FAULTY_FAULT");

        assertRefused(response, ErrorCode.PROVIDER_FAULT);
        assertThat(response.body()).contains("<subError><errorCode>PROVIDER_DOWN_FOR_MAINTENANCE</errorCode>");
    }

    @Test
    void refusesAnAnswerThatIsNotSoap() throws Exception {
        assertRefused(call("FAULTY_GARBAGE"), ErrorCode.PROVIDER_FAULT);
    }

    @Test
    void theLogChainStaysIntact() throws Exception {
        call("FAULTY_FAULT");
        gateway.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>"));

        ChainReport report = gateway.gateway().messageLogVerifier().verify();
        assertThat(report.broken()).as(report.toString()).isEmpty();
        assertThat(report.rows()).isGreaterThanOrEqualTo(4);
    }

    private static SoapResponse call(String serviceId) throws Exception {
        return gateway.postSigned("/bip-sync/", Envelopes.sendMessage(serviceId, "<x>1</x>"));
    }

    private static String businessSigned() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                "<application xmlns=\"urn:test\"><iin>123456789011</iin><film>Qazaq</film></application>".getBytes(StandardCharsets.UTF_8)));
        var individual = gateway.pki().individual();
        new XmlSigner(individual.privateKey(), individual.certificate()).signEnveloped(document);
        return new String(XmlBytes.of(document), StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
    }

    private static void assertRefused(SoapResponse response, ErrorCode code) {
        assertThat(response.errorCode()).as(response.body()).isEqualTo(code.name());
        assertThat(response.status()).isEqualTo(500);
    }
}
