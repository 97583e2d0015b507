package org.qaqpa.sandbox.eservice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A sandbox system's connection to the gateway, as a member: sync {@code SendMessage} and async {@code sendMessage}
 * signed with the system's key, signed in with its senderId and password; the gateway's answer must carry a valid
 * transport signature of the development PKI before it is read. A SOAP fault becomes a {@link Refused} with its
 * {@code errorCode}.
 */
public final class GatewayLink {

    static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String senderId;
    private final String password;
    private final IssuedCertificate key;
    private final Supplier<URI> gateway;
    private final Clock clock;
    /** The gateway's answers are checked against the development PKI's roots, read once. */
    private final CertificateValidator validator;
    private final XmlSignatureVerifier verifier =
            new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of());
    // No connectTimeout: with one the JDK client (17) keeps the exchange that opened a pooled connection, bodies
    // included, as long as the connection lives (docs/benchmarks.md, "Large payload"); each request's timeout bounds
    // the connect too.
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureDocuments documents = new SecureDocuments(XmlLimits.defaults());

    /**
     * @param gateway the gateway's base address ({@code http://127.0.0.1:8080}), known once it runs
     * @param pkiDir  the development PKI whose roots the gateway's answers are checked against
     */
    public GatewayLink(String senderId, String password, IssuedCertificate key, Supplier<URI> gateway, Path pkiDir, Clock clock) {
        this.senderId = senderId;
        this.password = password;
        this.key = key;
        this.gateway = gateway;
        this.validator = new CertificateValidator(new TrustMaterial(TrustMaterial.readCertificates(pkiDir.resolve("root-cert.pem")),
                TrustMaterial.readCertificates(pkiDir.resolve("inter-cert.pem")), List.of(), RevocationMode.OFF));
        this.clock = clock;
    }

    public String senderId() {
        return senderId;
    }

    /** A sync {@code SendMessage} of {@code payload} to {@code serviceId}; returns the answer's {@code responseData/data}. */
    public Element call(String serviceId, Element payload) {
        Element body = SyncMessages.newEnvelope();
        Element request = SyncMessages.append(SyncMessages.appendTypesElement(body, "SendMessage"), "request", null);
        Element info = SyncMessages.append(request, "requestInfo", null);
        SyncMessages.append(info, "messageId", UUID.randomUUID().toString());
        SyncMessages.append(info, "serviceId", serviceId);
        SyncMessages.append(info, "messageDate", SyncMessages.now(clock));
        sender(info);
        Element data = SyncMessages.append(SyncMessages.append(request, "requestData", null), "data", null);
        data.appendChild(SyncMessages.importWithNamespaces(body.getOwnerDocument(), payload));
        Element answer = exchange("/bip-sync/", body.getOwnerDocument());
        return SyncMessages.child(SyncMessages.child(SyncMessages.child(answer, "response"), "responseData"), "data");
    }

    /**
     * An async {@code sendMessage} of {@code payload} to {@code serviceId}: a {@code REQUEST} when {@code correlationId}
     * is null, else {@code messageType} in that chain. Returns the messageId and the sessionId the gateway accepted it
     * under.
     */
    public Accepted send(String serviceId, String messageType, String correlationId, Element payload) {
        Element body = SyncMessages.newEnvelope();
        Element operation = body.getOwnerDocument().createElementNS(ASYNC_TYPES, "ns3:sendMessage");
        operation.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ns3", ASYNC_TYPES);
        body.appendChild(operation);
        Element request = SyncMessages.append(operation, "request", null);
        Element info = SyncMessages.append(request, "messageInfo", null);
        if (correlationId != null) {
            SyncMessages.append(info, "correlationId", correlationId);
        }
        SyncMessages.append(info, "serviceId", serviceId);
        SyncMessages.append(info, "messageType", correlationId == null ? "REQUEST" : messageType);
        SyncMessages.append(info, "messageDate", SyncMessages.now(clock));
        sender(info);
        Element data = SyncMessages.append(SyncMessages.append(request, "messageData", null), "data", null);
        data.appendChild(SyncMessages.importWithNamespaces(body.getOwnerDocument(), payload));
        Element answer = exchange("/bip-async/", body.getOwnerDocument());
        return new Accepted(SyncMessages.text(answer, "response", "messageId"), SyncMessages.text(answer, "response", "sessionId"));
    }

    /** What the gateway answered a {@code sendMessage}: the message's id and the exchange's sessionId. */
    public record Accepted(String messageId, String sessionId) {
    }

    private void sender(Element info) {
        Element sender = SyncMessages.append(info, "sender", null);
        SyncMessages.append(sender, "senderId", senderId);
        SyncMessages.append(sender, "password", password);
    }

    private Element exchange(String path, Document envelope) {
        new XmlSigner(key.privateKey(), key.certificate()).signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        byte[] bytes;
        try {
            bytes = http.send(HttpRequest.newBuilder(gateway.get().resolve(path)).timeout(TIMEOUT)
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SyncMessages.serialize(envelope))).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new Refused("PROVIDER_UNAVAILABLE", "the gateway at " + gateway.get() + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("PROVIDER_UNAVAILABLE", "interrupted");
        }
        Document answer = documents.parse(new ByteArrayInputStream(bytes));
        Element content = SyncMessages.bodyContent(answer);
        if (content != null && SyncMessages.SOAP.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
            Element detail = SyncMessages.child(content, "detail");
            Element info = detail == null ? null : SyncMessages.elementChildren(detail).stream().findFirst().orElse(null);
            throw new Refused(info == null ? "FAULT" : String.valueOf(SyncMessages.text(info, "errorCode")).strip(),
                    String.valueOf(SyncMessages.text(content, "faultstring")));
        }
        verify(answer);
        if (content == null) {
            throw new Refused("FAULT", "the gateway's answer has no Body content");
        }
        return content;
    }

    private void verify(Document answer) {
        verifier.verify(answer, XmlSignatureVerifier.Mode.WSS, (certificate, presented) ->
                validator.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.TRANSPORT));
    }

    /** The gateway refused the request (or could not be reached): its {@code errorCode} and message. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String errorCode;

        public Refused(String errorCode, String message) {
            super(errorCode + ": " + message);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }
}
