package org.qaqpa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.qaqpa.e2e.Envelopes;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.registry.CertificateBinding;
import org.qaqpa.registry.Provider;
import org.qaqpa.registry.ProviderUrl;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Element;

/**
 * What the provider receives from the gateway: the member's request, with the gateway's sessionId and without its
 * password; sent on to another gateway node, signed in as this node with the original sender as a property.
 */
class ProviderClientTest {

    private static final String SESSION_ID = "{11111111-2222-3333-4444-555555555555}";
    private static final String SPOOFED = "<properties><key>qaqpa.originalSenderId</key><value>someone-else</value></properties>";

    @Test
    void sendsTheRequestWithTheGatewaySessionIdAndWithoutTheMembersPassword() throws Exception {
        String received = received(sendMessage(""), Relay.direct());

        assertThat(received).contains("<senderId>" + Envelopes.SENDER + "</senderId>",
                "<sessionId>" + SESSION_ID + "</sessionId>").doesNotContain("<password>");
    }

    @Test
    void dropsAnOriginalSenderNoNodeVouchedFor() throws Exception {
        String received = received(sendMessage("<properties><key>k</key><value>v</value></properties>" + SPOOFED),
                Relay.direct());

        assertThat(received).contains("<properties><key>k</key><value>v</value></properties><sessionId>")
                .doesNotContain("qaqpa.originalSenderId", "someone-else");
    }

    @Test
    void signsInAsThisNodeAtAnotherNodeAndNamesTheOriginalSender() throws Exception {
        String received = received(sendMessage(SPOOFED),
                new Relay(Optional.of(new NodeLogin("dev-region", "node-secret")), Optional.of(Envelopes.SENDER)));

        assertThat(received).contains("<sender><senderId>dev-region</senderId><password>node-secret</password></sender>"
                        + "<properties><key>qaqpa.originalSenderId</key><value>" + Envelopes.SENDER + "</value></properties>"
                        + "<sessionId>" + SESSION_ID + "</sessionId>")
                .doesNotContain("someone-else", Envelopes.PASSWORD);
    }

    /** What a provider receives when the client sends it {@code sendMessage} with {@code relay}. */
    private static String received(Element sendMessage, Relay relay) throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "<not-soap/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        provider.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/");
            Provider entry = new Provider(new ProviderUrl(url.toString()), CertificateBinding.subject(Optional.empty(),
                    Optional.of("990340000025")), Duration.ofSeconds(5));
            ProviderClient client = new ProviderClient(Optional.empty(), XmlLimits.defaults());

            ProviderCallFailure failure = catchThrowableOfType(ProviderCallFailure.class,
                    () -> client.call(entry, url, sendMessage, SESSION_ID, relay));

            assertThat(failure.fault().code()).isEqualTo(ErrorCode.PROVIDER_FAULT);
            return received.get().replaceAll(">\\s+<", "><");
        } finally {
            provider.stop(0);
        }
    }

    /** A SendMessage whose requestInfo has {@code properties} (XML) after its sender. */
    private static Element sendMessage(String properties) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var envelope = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                Envelopes.sendMessage("S", "<x/>").strip().replace("</sender>", "</sender>" + properties)
                        .getBytes(StandardCharsets.UTF_8)));
        return (Element) envelope.getElementsByTagNameNS(Envelopes.SYNC_TYPES, "SendMessage").item(0);
    }
}
