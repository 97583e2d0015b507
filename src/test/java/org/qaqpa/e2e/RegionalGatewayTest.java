package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.XmlBytes;

/**
 * A national node and regional nodes in this JVM, all on the national node's development PKI, as
 * {@code qaqpa run --profile regional --pki} runs them: region A with the shipped config/regional/ registry
 * (dev-client, and the national node as a member), region B whose upstream forges its answers (signed by
 * another certificate) and whose only member is its own system, region C whose upstream answers unsigned.
 * The same federation as two processes: {@code cli.RegionalFederationProcessTest}.
 */
class RegionalGatewayTest {

    private static final String STRING_TYPE =
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\"";

    @TempDir
    static Path dir;

    private static TestGateway national;
    private static TestGateway regionA;
    private static TestGateway regionB;
    private static TestGateway regionC;

    @BeforeAll
    static void start() throws Exception {
        Path nationalServices = dir.resolve("national-services.yaml");
        Files.writeString(nationalServices, "services:\n  TEST_SERVICE_ID:\n    url: /sandbox/echo\n    bin: \"990340000025\"\n");
        GatewayConfig defaults = GatewayConfig.defaults();
        national = TestGateway.start(defaults.withRegistry(new GatewayConfig.Registry(defaults.registry().membersFile(),
                nationalServices.toString(), Duration.ZERO)), dir.resolve("national"));
        String upstream = national.uri("/bip-sync/").toString();
        regionA = TestGateway.startRegional(regional("dev-region", upstream, "config/regional/members.yaml",
                "config/regional/services.yaml"), dir.resolve("region-a"), national);
        // the national node's provider entry of the region's service names the region's actual port
        Files.writeString(nationalServices, "services:\n  TEST_SERVICE_ID:\n    url: /sandbox/echo\n    bin: \"990340000025\"\n"
                + "  TEST_REGIONAL_SERVICE_ID:\n    url: " + regionA.uri("/bip-sync/") + "\n    bin: \"990340000041\"\n"
                + "    node: true\n");
        national.gateway().registries().checkNow();

        Path bMembers = Files.writeString(dir.resolve("region-b-members.yaml"), """
                members:
                  region-b-system:
                    password-hash: %s
                    iin: "123456789032"
                    services: [TEST_SERVICE_ID]
                """.formatted(TestGateway.devPasswordHash()));
        Path noServices = Files.writeString(dir.resolve("no-services.yaml"), "services:\n");
        regionB = TestGateway.startRegional(regional("region-b", national.uri("/sandbox/faulty/wrong-signer").toString(),
                bMembers.toString(), noServices.toString()), dir.resolve("region-b"), national);
        regionC = TestGateway.startRegional(regional("region-c", national.uri("/sandbox/faulty/unsigned").toString(),
                "config/regional/members.yaml", noServices.toString()), dir.resolve("region-c"), national);
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(regionC, regionB, regionA, national);
    }

    private static GatewayConfig regional(String senderId, String upstreamUrl, String membersFile, String servicesFile) {
        GatewayConfig defaults = GatewayConfig.defaults();
        return defaults.withRegistry(new GatewayConfig.Registry(membersFile, servicesFile, Duration.ZERO))
                .withFederation(new GatewayConfig.Federation(GatewayConfig.Federation.REGIONAL, senderId,
                        defaults.federation().passwordEnv(), Optional.of(new GatewayConfig.Upstream(upstreamUrl,
                                Optional.empty(), Optional.empty(), GatewayConfig.Upstream.DEFAULT_TIMEOUT))));
    }

    @Test
    void forwardsWhatItDoesNotServeToTheNationalNodeWithTheBusinessSignatureIntact() throws Exception {
        String signed = businessSigned();

        SoapResponse typed = regionA.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", signed));
        String escaped = signed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        SoapResponse string = regionA.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", escaped)
                .replace("<data>", "<data " + STRING_TYPE + ">"));

        // the national node's echo provider verified the citizen's signature after two hops
        assertThat(typed.status()).as(typed.body()).isEqualTo(200);
        assertThat(typed.body()).contains("business signature valid: IIN123456789011");
        assertThat(string.body()).as(string.body()).contains("business signature valid: IIN123456789011");
        assertThat(signer(typed)).as("the answer is the regional node's").isEqualTo(national.pki().region().certificate());
    }

    @Test
    void logsTheForwardedExchangeOnBothNodesUnderTheFirstNodesSessionId() throws Exception {
        SoapResponse answer = regionA.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<ping>p-7</ping>"));
        String sessionId = sessionId(answer);

        List<LoggedRow> regional = regionA.gateway().messageLogReader().exchange(sessionId);
        List<LoggedRow> atNational = national.gateway().messageLogReader().exchange(sessionId);

        assertThat(regional).extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::originalSenderId, LoggedRow::status)
                .containsExactly(
                        tuple(LogEntry.Kind.REQUEST, Envelopes.SENDER, null, "ACCEPTED"),
                        tuple(LogEntry.Kind.RESPONSE, Envelopes.SENDER, null, "ANSWERED"));
        assertThat(atNational).extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::originalSenderId, LoggedRow::status)
                .containsExactly(
                        tuple(LogEntry.Kind.REQUEST, "dev-region", Envelopes.SENDER, "ACCEPTED"),
                        tuple(LogEntry.Kind.RESPONSE, "dev-region", Envelopes.SENDER, "ANSWERED"));
        assertThat(new String(national.gateway().messageLogReader().body(atNational.get(0).id()).orElseThrow(),
                StandardCharsets.UTF_8)).contains("<key>qaqpa.originalSenderId</key><value>dev-client</value>")
                .doesNotContain("<password>changeit</password><properties>");
    }

    @Test
    void servesItsOwnServiceWithoutTheNationalNode() throws Exception {
        SoapResponse answer = regionA.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_REGIONAL_SERVICE_ID", "<local/>"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<local/>");
        assertThat(national.gateway().messageLogReader().exchange(sessionId(answer))).isEmpty();
    }

    @Test
    void routesARegionalServiceFromTheNationalSideToTheRegionalNode() throws Exception {
        SoapResponse answer = national.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_REGIONAL_SERVICE_ID", "<from-astana/>"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<from-astana/>");
        assertThat(signer(answer)).isEqualTo(national.pki().gateway().certificate());
        assertThat(regionA.gateway().messageLogReader().exchange(sessionId(answer)))
                .extracting(LoggedRow::kind, LoggedRow::senderId, LoggedRow::originalSenderId)
                .containsExactly(tuple(LogEntry.Kind.REQUEST, "qaqpa-national", Envelopes.SENDER),
                        tuple(LogEntry.Kind.RESPONSE, "qaqpa-national", Envelopes.SENDER));
    }

    @Test
    void sendsARouteIdItDoesNotServeUpstreamAndRelaysTheNationalRefusal() throws Exception {
        String request = Envelopes.sendMessage("TEST_REGIONAL_SERVICE_ID", "<x/>")
                .replace("</messageDate>", "</messageDate><routeId>ASTANA</routeId>");

        SoapResponse answer = regionA.postSigned("/bip-sync/", request);

        // the region serves TEST_REGIONAL_SERVICE_ID, but not for routeId ASTANA: the national node was asked
        assertRefused(answer, ErrorCode.PROVIDER_FAULT);
        assertThat(answer.body()).contains("<subError><errorCode>SERVICE_NOT_FOUND</errorCode>");
        assertThat(national.gateway().messageLogReader().exchange(sessionId(answer)))
                .extracting(LoggedRow::senderId, LoggedRow::originalSenderId, LoggedRow::errorCode)
                .containsExactly(tuple("dev-region", Envelopes.SENDER, "SERVICE_NOT_FOUND"));
    }

    @Test
    void refusesAMemberOfAnotherRegion() throws Exception {
        // dev-client is region A's member, signing with its own certificate; region B never heard of it
        assertRefused(regionB.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>")), ErrorCode.SENDER_UNKNOWN);
    }

    @Test
    void refusesAnUpstreamAnswerSignedByAnotherCertificate() throws Exception {
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>", UUID.randomUUID().toString(), "region-b-system",
                Envelopes.PASSWORD);

        SoapResponse answer = regionB.post("/bip-sync/", sign(request, national.pki().officer()));

        assertRefused(answer, ErrorCode.PROVIDER_SIGNATURE_INVALID);
        assertThat(answer.detailText("errorMessage")).contains("SENDER_CERT_MISMATCH", "is signed by");
    }

    @Test
    void neverTakesAnUnsignedUpstreamAnswer() throws Exception {
        assertRefused(regionC.postSigned("/bip-sync/", Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>")),
                ErrorCode.PROVIDER_SIGNATURE_INVALID);
    }

    @Test
    void neverSendsWhatTheUpstreamPassedOnBackUpstream() throws Exception {
        String fromNational = Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>", UUID.randomUUID().toString(), "qaqpa-national",
                Envelopes.PASSWORD);

        assertRefused(regionA.post("/bip-sync/", sign(fromNational, national.pki().gateway())), ErrorCode.SERVICE_NOT_FOUND);
    }

    @Test
    void keepsItsOwnSessionIdAndNoOriginalSenderForAnOrdinaryMember() throws Exception {
        String mine = "{" + UUID.randomUUID() + "}";
        String request = Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>").replace("</sender>", "</sender>"
                + "<properties><key>qaqpa.originalSenderId</key><value>someone-else</value></properties>"
                + "<sessionId>" + mine + "</sessionId>");

        SoapResponse answer = national.postSigned("/bip-sync/", request);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(sessionId(answer)).isNotEqualTo(mine);
        assertThat(national.gateway().messageLogReader().exchange(sessionId(answer)))
                .extracting(LoggedRow::originalSenderId).containsOnlyNulls();
    }

    @Test
    void countsMessageIdsPerOriginalSenderBehindANode() throws Exception {
        String messageId = UUID.randomUUID().toString();
        IssuedCertificate region = national.pki().region();

        SoapResponse first = national.post("/bip-sync/", sign(fromRegion(messageId, "almaty-system-1"), region));
        SoapResponse second = national.post("/bip-sync/", sign(fromRegion(messageId, "almaty-system-2"), region));
        SoapResponse again = national.post("/bip-sync/", sign(fromRegion(messageId, "almaty-system-1"), region));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertRefused(again, ErrorCode.DUPLICATE_MESSAGE);
    }

    /** A request dev-region passes on for {@code originalSender}, with a sessionId of its own. */
    private static String fromRegion(String messageId, String originalSender) {
        return Envelopes.sendMessage("TEST_SERVICE_ID", "<x/>", messageId, "dev-region", Envelopes.PASSWORD)
                .replace("</sender>", "</sender><properties><key>qaqpa.originalSenderId</key><value>" + originalSender
                        + "</value></properties><sessionId>{" + UUID.randomUUID() + "}</sessionId>");
    }

    private static byte[] sign(String envelope, IssuedCertificate signer) {
        return TestGateway.sign(envelope, signer).getBytes(StandardCharsets.UTF_8);
    }

    private static X509Certificate signer(SoapResponse answer) {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of())
                .verify(answer.document(), XmlSignatureVerifier.Mode.WSS).signer();
    }

    private static String sessionId(SoapResponse answer) {
        return answer.document().getElementsByTagName("sessionId").item(0).getTextContent();
    }

    private static void assertRefused(SoapResponse response, ErrorCode code) {
        assertThat(response.errorCode()).as(response.body()).isEqualTo(code.name());
        assertThat(response.status()).isEqualTo(500);
    }

    private static String businessSigned() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                "<application xmlns=\"urn:test\"><iin>123456789011</iin><film>Qazaq</film></application>".getBytes(StandardCharsets.UTF_8)));
        var individual = national.pki().individual();
        new XmlSigner(individual.privateKey(), individual.certificate()).signEnveloped(document);
        return new String(XmlBytes.of(document), StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
    }
}
