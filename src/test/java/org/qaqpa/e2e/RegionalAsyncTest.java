package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.security.pki.IssuedCertificate;

/**
 * Async across the hop, in this JVM: a national node and a regional node on the national node's development PKI.
 * The region's system {@code local} and the national-side systems {@code provider} and {@code national-system} sign
 * with the sandbox echo key and have {@code async-url: /sandbox/async-receiver}, so each node's sandbox receiver
 * records the messages and status notifications they get. The national node knows the region as {@code dev-region}
 * (node, async-url the region's {@code /bip-async-client/}), the region the national node as {@code qaqpa-national}.
 * With the national node stopped: {@code cli.RegionalFederationProcessTest}.
 */
class RegionalAsyncTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NATIONAL_SERVICE = "NATIONAL_ASYNC_SERVICE";
    private static final String REGIONAL_SERVICE = "REGIONAL_ASYNC_SERVICE";
    private static final String RECEIVER = "/sandbox/async-receiver";

    @TempDir
    static Path dir;

    private static TestGateway national;
    private static TestGateway region;

    @BeforeAll
    static void start() throws Exception {
        String hash = TestGateway.devPasswordHash();
        Path nationalMembers = dir.resolve("national-members.yaml");
        Path nationalServices = dir.resolve("national-services.yaml");
        writeNational(nationalMembers, nationalServices, hash, "http://127.0.0.1:9/");
        GatewayConfig nationalConfig = GatewayConfig.defaults()
                .withRegistry(new GatewayConfig.Registry(nationalMembers.toString(), nationalServices.toString(), Duration.ZERO))
                .withAsync(AsyncMessages.quickRetries(5, 2));
        national = TestGateway.start(nationalConfig, dir.resolve("national"));

        Path regionMembers = Files.writeString(dir.resolve("region-members.yaml"), """
                members:
                  local:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%2$s, %3$s]
                    async-url: %4$s
                  qaqpa-national:
                    password-hash: %1$s
                    bin: "990340000017"
                    node: true
                    services: [%3$s]
                    async-url: %5$s
                """.formatted(hash, NATIONAL_SERVICE, REGIONAL_SERVICE, RECEIVER, national.uri("/bip-async-client/")));
        Path regionServices = Files.writeString(dir.resolve("region-services.yaml"), """
                services:
                  %s:
                    url: %s
                    bin: "990340000025"
                    mode: async
                """.formatted(REGIONAL_SERVICE, RECEIVER));
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig regional = defaults
                .withRegistry(new GatewayConfig.Registry(regionMembers.toString(), regionServices.toString(), Duration.ZERO))
                .withAsync(AsyncMessages.quickRetries(5, 2))
                .withFederation(new GatewayConfig.Federation(GatewayConfig.Federation.REGIONAL, "dev-region",
                        defaults.federation().passwordEnv(), Optional.of(new GatewayConfig.Upstream(
                                national.uri("/bip-sync/").toString(), Optional.empty(), Optional.empty(),
                                GatewayConfig.Upstream.DEFAULT_TIMEOUT))));
        region = TestGateway.startRegional(regional, dir.resolve("region"), national);
        // the national node's entries of the region name its actual port
        writeNational(nationalMembers, nationalServices, hash, region.uri("/").toString());
        national.gateway().registries().checkNow();
    }

    private static void writeNational(Path members, Path services, String hash, String regionBase) throws Exception {
        Files.writeString(members, """
                members:
                  provider:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%2$s]
                    async-url: %4$s
                  national-system:
                    password-hash: %1$s
                    bin: "990340000025"
                    services: [%3$s]
                    async-url: %4$s
                  dev-region:
                    password-hash: %1$s
                    bin: "990340000041"
                    node: true
                    services: [%2$s]
                    async-url: %5$sbip-async-client/
                """.formatted(hash, NATIONAL_SERVICE, REGIONAL_SERVICE, RECEIVER, regionBase));
        Files.writeString(services, """
                services:
                  %1$s:
                    url: %3$s
                    bin: "990340000025"
                    mode: async
                    recipient: provider
                  %2$s:
                    url: %4$sbip-async/
                    bin: "990340000041"
                    mode: async
                    node: true
                """.formatted(NATIONAL_SERVICE, REGIONAL_SERVICE, RECEIVER, regionBase));
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(region, national);
    }

    @Test
    void passesARegionalRequestOnToTheNationalNodeAndTheStatusBackToTheSender() throws Exception {
        SoapResponse accepted = send(region, "/bip-async/", AsyncMessages.sendMessage(NATIONAL_SERVICE, "local", "REQUEST", null, ""));
        String messageId = text(accepted, "messageId");
        String sessionId = text(accepted, "sessionId");

        await().atMost(PATIENCE).until(() -> national.get(RECEIVER + "?messageId=" + messageId).body(),
                body -> body.endsWith("taken=true"));
        await().atMost(PATIENCE).until(() -> region.get(RECEIVER + "?notified=" + messageId).body(),
                body -> body.equals("notified=DELIVERED"));
        assertThat(text(send(region, "/bip-async/", AsyncMessages.getMessageStatus(messageId, "local")), "messageState"))
                .isEqualTo("DELIVERED");
        SoapResponse atNationalState = post(national, "/bip-async/", AsyncMessages.getMessageStatus(messageId, "dev-region"),
                national.pki().region());
        assertThat(text(atNationalState, "messageState")).as(atNationalState.body()).isEqualTo("DELIVERED");

        List<LoggedRow> atNational = national.gateway().messageLogReader().exchange(sessionId);
        assertThat(atNational).as("the national node keeps the region's sessionId").isNotEmpty();
        assertThat(atNational.get(0).senderId()).isEqualTo("dev-region");
        assertThat(atNational.get(0).originalSenderId()).isEqualTo("local");
        assertThat(region.gateway().messageLogReader().exchange(sessionId)).extracting(LoggedRow::status)
                .contains("ACCEPTED", "FORWARDED");
    }

    @Test
    void takesTheProvidersResponseBackThroughBothNodesToTheRequester() throws Exception {
        String requestId = text(send(region, "/bip-async/", AsyncMessages.sendMessage(NATIONAL_SERVICE, "local", "REQUEST",
                null, "")), "messageId");
        await().atMost(PATIENCE).until(() -> national.get(RECEIVER + "?messageId=" + requestId).body(),
                body -> body.endsWith("taken=true"));

        SoapResponse response = send(national, "/bip-async/", AsyncMessages.sendMessage(NATIONAL_SERVICE, "provider",
                "RESPONSE", requestId, ""));
        String responseId = text(response, "messageId");

        await().atMost(PATIENCE).until(() -> region.get(RECEIVER + "?messageId=" + responseId).body(),
                body -> body.endsWith("taken=true"));
        await().atMost(PATIENCE).until(() -> national.get(RECEIVER + "?notified=" + responseId).body(),
                body -> body.equals("notified=DELIVERED"));
        assertThat(region.get(RECEIVER + "?correlationId=" + requestId).body()).isEqualTo(responseId);
    }

    @Test
    void passesANationalRequestForARegionalServiceOnToTheRegion() throws Exception {
        SoapResponse accepted = send(national, "/bip-async/", AsyncMessages.sendMessage(REGIONAL_SERVICE, "national-system",
                "REQUEST", null, ""));
        String messageId = text(accepted, "messageId");

        await().atMost(PATIENCE).until(() -> region.get(RECEIVER + "?messageId=" + messageId).body(),
                body -> body.endsWith("taken=true"));
        await().atMost(PATIENCE).until(() -> national.get(RECEIVER + "?notified=" + messageId).body(),
                body -> body.equals("notified=DELIVERED"));
        assertThat(text(send(national, "/bip-async/", AsyncMessages.getMessageStatus(messageId, "national-system")),
                "messageState")).isEqualTo("DELIVERED");
        List<LoggedRow> atRegion = region.gateway().messageLogReader().exchange(text(accepted, "sessionId"));
        assertThat(atRegion).isNotEmpty();
        assertThat(atRegion.get(0).senderId()).isEqualTo("qaqpa-national");
        assertThat(atRegion.get(0).originalSenderId()).isEqualTo("national-system");
    }

    @Test
    void refusesTheClientEndpointToAnyoneButANode() throws Exception {
        SoapResponse refused = post(region, "/bip-async-client/", AsyncMessages.sendMessage(NATIONAL_SERVICE, "local",
                "RESPONSE", "some-request", ""), national.pki().echo());

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
    }

    @Test
    void refusesAnAnswerToNothingPassedOnAndARequestOnTheClientEndpoint() throws Exception {
        IssuedCertificate nationalKey = national.pki().gateway();

        SoapResponse unknown = post(region, "/bip-async-client/", withMessageId(AsyncMessages.sendMessage(NATIONAL_SERVICE,
                "provider", "RESPONSE", "never-passed-on", "")), nationalKey);
        SoapResponse request = post(region, "/bip-async-client/", withMessageId(AsyncMessages.sendMessage(NATIONAL_SERVICE,
                "provider", "REQUEST", null, "")), nationalKey);
        SoapResponse notification = post(region, "/bip-async-client/", statusNotification("never-passed-on"), nationalKey);

        assertThat(unknown.errorCode()).as(unknown.body()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());
        assertThat(request.errorCode()).as(request.body()).isEqualTo(ErrorCode.MESSAGE_INVALID.name());
        assertThat(notification.errorCode()).as(notification.body()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND.name());
    }

    @Test
    void neverPassesANodesMessageForAServiceItDoesNotServeBackUpstream() throws Exception {
        SoapResponse refused = post(region, "/bip-async/", AsyncMessages.sendMessage(NATIONAL_SERVICE, "qaqpa-national",
                "REQUEST", null, ""), national.pki().gateway());

        assertThat(refused.errorCode()).as(refused.body()).isEqualTo(ErrorCode.SERVICE_NOT_FOUND.name());
    }

    /** A {@code sendMessage} signed with the echo key, accepted. */
    private static SoapResponse send(TestGateway gateway, String path, String envelope) throws Exception {
        SoapResponse answer = post(gateway, path, envelope, gateway.pki().echo());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static SoapResponse post(TestGateway gateway, String path, String envelope, IssuedCertificate key) throws Exception {
        return gateway.post(path, Envelopes.bytes(TestGateway.sign(envelope, key)));
    }

    private static String withMessageId(String sendMessage) {
        return sendMessage.replace("<messageInfo>", "<messageInfo><messageId>" + java.util.UUID.randomUUID() + "</messageId>");
    }

    private static String statusNotification(String messageId) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + Envelopes.SOAP_NS + "\"><soapenv:Body>"
                + "<ns4:changeMassageStatusNotification xmlns:ns4=\"http://bip.bee.kz/AsyncChannel/v10/Types/Client\"><request>"
                + "<notification><notificationId>n-1</notificationId><messageId>" + messageId + "</messageId>"
                + "<notificationDate>2026-12-05T10:00:00.000Z</notificationDate><messageState>DELIVERED</messageState>"
                + "<status><statusCode>DELIVERED</statusCode><statusMessage>ok</statusMessage>"
                + "<statusDate>2026-12-05T10:00:00.000Z</statusDate></status></notification>"
                + "<requestDate>2026-12-05T10:00:00.000Z</requestDate></request></ns4:changeMassageStatusNotification>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String text(SoapResponse response, String localName) {
        return response.document().getElementsByTagName(localName).item(0).getTextContent();
    }
}
