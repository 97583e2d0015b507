package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;

/**
 * The sync pipeline's refusals over HTTP, each with its exact code, and what the message log keeps
 * of them. Registries of the test's own: the development member, a member without services, one
 * with a rate limit of 1/s; a service whose provider is down.
 */
class SyncRefusalsTest {

    @TempDir
    static Path dir;

    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String hash = TestGateway.devPasswordHash();
        Path members = Files.writeString(dir.resolve("members.yaml"), """
                members:
                  dev-client:
                    password-hash: %1$s
                    iin: "123456789011"
                    bin: "123456789021"
                    services: [DOWN_SERVICE, TEST_SERVICE_ID, SIGNED_DATA_SERVICE]
                  no-services:
                    password-hash: %1$s
                    bin: "123456789021"
                  limited:
                    password-hash: %1$s
                    bin: "123456789021"
                    services: [DOWN_SERVICE]
                    rate-limit: 1
                """.formatted(hash));
        Path services = Files.writeString(dir.resolve("services.yaml"), """
                services:
                  DOWN_SERVICE:
                    url: http://127.0.0.1:%1$d/bip-sync/
                    bin: "990340000025"
                  TEST_SERVICE_ID:
                    url: /sandbox/echo
                    bin: "990340000025"
                  SIGNED_DATA_SERVICE:
                    url: http://127.0.0.1:%1$d/bip-sync/
                    bin: "990340000025"
                    business-signature: true
                """.formatted(closedPort));
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig config = defaults.withRegistry(
                new GatewayConfig.Registry(members.toString(), services.toString(), defaults.registry().reloadInterval()));
        gateway = TestGateway.start(config, dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void refusesAnUnknownSender() throws Exception {
        assertRefused(send("DOWN_SERVICE", "nobody", Envelopes.PASSWORD), ErrorCode.SENDER_UNKNOWN);
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        assertRefused(send("DOWN_SERVICE", Envelopes.SENDER, "wrong"), ErrorCode.SENDER_AUTH_FAILED);
    }

    @Test
    void refusesACertificateNotBoundToTheSender() throws Exception {
        // the officer of the same organisation: right BIN, another IIN than dev-client's binding names
        String signed = TestGateway.sign(request("DOWN_SERVICE", Envelopes.SENDER, Envelopes.PASSWORD), gateway.pki().officer());

        assertRefused(gateway.post("/bip-sync/", signed.getBytes(StandardCharsets.UTF_8)), ErrorCode.SENDER_CERT_MISMATCH);
    }

    @Test
    void refusesAServiceTheMemberMayNotCall() throws Exception {
        assertRefused(send("DOWN_SERVICE", "no-services", Envelopes.PASSWORD), ErrorCode.SERVICE_NOT_ALLOWED);
    }

    @Test
    void refusesAnUnregisteredService() throws Exception {
        assertRefused(send("NO_SUCH_SERVICE", Envelopes.SENDER, Envelopes.PASSWORD), ErrorCode.SERVICE_NOT_FOUND);
    }

    @Test
    void refusesRequestsOverTheMembersRateLimit() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(send("DOWN_SERVICE", "limited", Envelopes.PASSWORD).errorCode());
        }
        // a bucket of one request per second: five in a row cannot all pass (the first reaches the dead provider)
        assertThat(codes).contains(ErrorCode.LIMIT_EXCEEDED.name(), ErrorCode.PROVIDER_UNAVAILABLE.name());
    }

    @Test
    void refusesWhenTheProviderIsDown() throws Exception {
        SoapResponse response = send("DOWN_SERVICE", Envelopes.SENDER, Envelopes.PASSWORD);

        assertRefused(response, ErrorCode.PROVIDER_UNAVAILABLE);
        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(response.detailText("sessionId"));
        assertThat(rows).extracting(LoggedRow::kind).containsExactly(LogEntry.Kind.REQUEST, LogEntry.Kind.FAULT);
        assertThat(rows).extracting(LoggedRow::status).containsExactly("ACCEPTED", "REFUSED");
        assertThat(rows.get(1).errorCode()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE.name());
    }

    @Test
    void logsARefusedRequestOnceWithItsCode() throws Exception {
        SoapResponse response = send("DOWN_SERVICE", "nobody", Envelopes.PASSWORD);

        List<LoggedRow> rows = gateway.gateway().messageLogReader().exchange(response.detailText("sessionId"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).kind()).isEqualTo(LogEntry.Kind.REQUEST);
        assertThat(rows.get(0).status()).isEqualTo("REFUSED");
        assertThat(rows.get(0).errorCode()).isEqualTo(ErrorCode.SENDER_UNKNOWN.name());
        assertThat(rows.get(0).senderId()).isEqualTo("nobody");
        assertThat(gateway.gateway().messageLogReader().body(rows.get(0).id())).get()
                .satisfies(body -> assertThat(new String(body, StandardCharsets.UTF_8)).contains("<senderId>nobody</senderId>"));
    }

    @Test
    void refusesDataWithoutTheBusinessSignatureTheServiceRequires() throws Exception {
        assertRefused(sendData("SIGNED_DATA_SERVICE", "<application xmlns=\"urn:test\">unsigned</application>"),
                ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesATamperedBusinessSignature() throws Exception {
        String tampered = businessSigned("1000").replace(">1000<", ">9000<");

        assertRefused(sendData("SIGNED_DATA_SERVICE", tampered), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void passesABusinessSignedRequestOnToTheProvider() throws Exception {
        // past the signature check the request reaches the (dead) provider
        assertRefused(sendData("SIGNED_DATA_SERVICE", businessSigned("1000")), ErrorCode.PROVIDER_UNAVAILABLE);
        // the same signed document as an escaped string (shep-contract.md §1.4)
        String escaped = businessSigned("1000").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertRefused(sendData("SIGNED_DATA_SERVICE", escaped), ErrorCode.PROVIDER_UNAVAILABLE);
    }

    /** An application signed by the individual (enveloped, as shep-contract.md §2.2), without XML declaration. */
    private static String businessSigned(String amount) throws Exception {
        var builder = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        builder.setNamespaceAware(true);
        var document = builder.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                ("<application xmlns=\"urn:test\"><iin>123456789011</iin><amount>" + amount + "</amount></application>")
                        .getBytes(StandardCharsets.UTF_8)));
        var individual = gateway.pki().individual();
        new org.qaqpa.security.dsig.XmlSigner(individual.privateKey(), individual.certificate()).signEnveloped(document);
        return new String(org.qaqpa.xml.XmlBytes.of(document), StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>", "");
    }

    private static SoapResponse sendData(String serviceId, String data) throws Exception {
        String request = Envelopes.sendMessage(serviceId, data, UUID.randomUUID().toString(), Envelopes.SENDER, Envelopes.PASSWORD);
        return gateway.post("/bip-sync/", TestGateway.sign(request, gateway.pki().legalEntity()).getBytes(StandardCharsets.UTF_8));
    }

    private static SoapResponse send(String serviceId, String senderId, String password) throws Exception {
        return gateway.post("/bip-sync/", TestGateway.sign(request(serviceId, senderId, password), gateway.pki().legalEntity())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String request(String serviceId, String senderId, String password) {
        return Envelopes.sendMessage(serviceId, "<x>1</x>", UUID.randomUUID().toString(), senderId, password);
    }

    private static void assertRefused(SoapResponse response, ErrorCode code) {
        assertThat(response.errorCode()).as(response.detailText("errorMessage")).isEqualTo(code.name());
        assertThat(response.status()).isEqualTo(500);
    }
}
