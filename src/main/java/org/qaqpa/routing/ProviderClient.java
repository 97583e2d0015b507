package org.qaqpa.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.error.SubError;
import org.qaqpa.registry.Provider;
import org.qaqpa.security.wss.ProviderSecurity;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.SpooledXml;
import org.qaqpa.xml.XmlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Calls a provider's {@code ISyncChannel.SendMessage} over HTTP (and, for PUSH delivery, a recipient's
 * {@code IAsyncChannelClient.sendMessage}): the member's {@code SendMessage} with the gateway's
 * {@code sessionId}, transport-signed with the gateway key; the answer is parsed
 * with the same limits as requests and must be signed by the certificate the service registry names.
 * The JDK HTTP client rather than a CXF client: the request is already a DOM, and the answer needs
 * our verifier and exact codes, not a second WS-Security stack (docs/architecture.md).
 *
 * <p>Refusals: connection refused or reset → {@code PROVIDER_UNAVAILABLE}; no answer within the
 * provider's timeout → {@code PROVIDER_TIMEOUT}; unsigned, wrongly signed or tampered →
 * {@code PROVIDER_SIGNATURE_INVALID}; a SOAP fault → {@code PROVIDER_FAULT} with the provider's
 * {@code ErrorInfo} as {@code subError}; anything that is not a SOAP answer → {@code PROVIDER_FAULT}.
 * Never retried here: a sync call may have had effects at the provider; async deliveries are retried
 * by the broker, and recipients dedupe by messageId.
 */
public final class ProviderClient {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);
    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SYNC_TYPES_NS = "http://bip.bee.kz/SyncChannel/v10/Types";

    private final Optional<ProviderSecurity> security;
    private final SecureDocuments answers;
    private final HttpClient http;
    private final DocumentBuilderFactory documents;

    /**
     * @param security the gateway key and the answer checks; empty when {@code security.require-signature}
     *                 is false (local experiments: requests go unsigned and answers unchecked)
     * @param limits   parser limits for answers (the request limits)
     */
    public ProviderClient(Optional<ProviderSecurity> security, XmlLimits limits) {
        this(security, limits, defaultTls());
    }

    /**
     * @param tls what {@code https://} providers' certificates are checked against ({@code routing.tls.*}); the host
     *            name is always verified (the JDK client does for HTTPS)
     */
    public ProviderClient(Optional<ProviderSecurity> security, XmlLimits limits, SSLContext tls) {
        this.security = security;
        this.answers = new SecureDocuments(limits);
        // No connectTimeout: the JDK client (17) then keeps the exchange that opened a connection, request and
        // answer bodies included, for as long as the pooled connection lives (20 min idle by default); a 10 MiB
        // exchange pinned that way per connection ran a -Xmx256m gateway out of heap (docs/benchmarks.md,
        // "Large payload"). Each request's timeout, the provider's, bounds the connect too.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        this.documents = DocumentBuilderFactory.newInstance();
        this.documents.setNamespaceAware(true);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * @param url         where to send, resolved from the provider entry
     * @param sendMessage the member's {@code SendMessage} element (copied, not changed; the copy sent
     *                    carries the gateway's sessionId and no sender password; {@code data} is copied as it is)
     * @param relay       the sender the copy names: the member's own, or this gateway's login at another node;
     *                    and the original sender it carries, if any
     * @throws ProviderCallFailure with a {@code PROVIDER_*} fault
     */
    ProviderAnswer call(Provider provider, URI url, Element sendMessage, String sessionId, Relay relay) {
        Document request = envelope(sendMessage);
        Element requestInfo = child(child(firstBodyElement(request), "request"), "requestInfo");
        setText(requestInfo, "sessionId", sessionId);
        relayAs(requestInfo, relay);
        ProviderAnswer answer = exchange(provider, url, request, SYNC_TYPES_NS, "SendMessageResponse");
        setSessionId(answer.response(), sessionId);
        return answer;
    }

    /**
     * PUSH delivery: calls the recipient's {@code IAsyncChannelClient.sendMessage} with the queued
     * {@code sendMessage} (which already carries the gateway's messageId and sessionId), signed with
     * the gateway key; the answer must be a {@code sendMessageResponse} signed by the certificate the
     * service registry names, as for a sync provider.
     *
     * @throws ProviderCallFailure with a {@code PROVIDER_*} fault
     */
    ProviderAnswer push(Provider recipient, URI url, Element sendMessage) {
        return exchange(recipient, url, envelope(sendMessage), AsyncAnswers.ASYNC_TYPES_NS, "sendMessageResponse");
    }

    /**
     * Passes a queued async message on to another gateway node: calls its {@code IAsyncChannel.sendMessage},
     * signed with the gateway key, signed in there as {@code relay} says, naming the original sender; the answer
     * must be the node's {@code sendMessageResponse}, signed as the provider entry (or the upstream) says.
     *
     * @throws ProviderCallFailure with a {@code PROVIDER_*} fault
     */
    ProviderAnswer forward(Provider node, URI url, Element sendMessage, Relay relay) {
        Document request = envelope(sendMessage);
        relayAs(child(child(firstBodyElement(request), "request"), "messageInfo"), relay);
        return exchange(node, url, request, AsyncAnswers.ASYNC_TYPES_NS, "sendMessageResponse");
    }

    /**
     * The sender the passed-on copy names ({@code requestInfo} or {@code messageInfo}): never the member's
     * password, which is for the gateway only; this gateway's login when it goes to another node; and exactly
     * the original sender the relay vouches for.
     */
    private static void relayAs(Element info, Relay relay) {
        Element sender = child(info, "sender");
        Element password = optionalChild(sender, "password");
        if (password != null) {
            sender.removeChild(password);
        }
        relay.asNode().ifPresent(login -> {
            setText(sender, "senderId", login.senderId());
            if (login.password() != null) {
                setText(sender, "password", login.password());
            }
        });
        OriginalSender.set(info, relay.originalSenderId());
    }

    /**
     * Notifies a sender: calls its {@code IAsyncChannelClient.changeMassageStatusNotification}, signed with the
     * gateway key; the answer must be a {@code changeMassageStatusNotificationResponse} signed by one of the
     * member's own certificates.
     *
     * @throws ProviderCallFailure with a {@code PROVIDER_*} fault
     */
    ProviderAnswer notifyStatus(Provider sender, URI url, Element notification) {
        return exchange(sender, url, envelope(notification), AsyncAnswers.ASYNC_CLIENT_TYPES_NS,
                "changeMassageStatusNotificationResponse");
    }

    private ProviderAnswer exchange(Provider provider, URI url, Document request, String answerNamespace, String answerName) {
        HttpResponse<byte[]> response;
        // Spooled, not a byte array beside the DOM: a large request is then one copy fewer on the heap.
        try (SpooledXml requestBytes = SpooledXml.of(sign(request))) {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(requestBytes::open), requestBytes.size());
            response = http.send(HttpRequest.newBuilder(url).timeout(provider.timeout())
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                    .POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw failure(ErrorCode.PROVIDER_TIMEOUT, "The provider did not answer within " + provider.timeout().toMillis()
                    + " ms.", null);
        } catch (ConnectException e) {
            throw failure(ErrorCode.PROVIDER_UNAVAILABLE, "The provider at " + url + " refused the connection.", null);
        } catch (IOException e) {
            if (e instanceof SSLException || e.getCause() instanceof SSLException) {
                // The handshake's own words (a PKIX path, a host name) are for the operator, not for the client.
                LOG.warn("TLS to the provider at {} failed: {}", url, String.valueOf(e.getCause() instanceof SSLException ssl ? ssl : e));
                throw failure(ErrorCode.PROVIDER_UNAVAILABLE, "The TLS connection to the provider at " + url + " failed:"
                        + " its certificate is not trusted (routing.tls.truststore) or does not name the host, or no"
                        + " protocol is shared.", null);
            }
            throw failure(ErrorCode.PROVIDER_UNAVAILABLE, "The connection to the provider at " + url + " failed: "
                    + PrintableText.of(String.valueOf(e.getMessage()), 200), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ErrorCode.PROVIDER_UNAVAILABLE, "The call to the provider was interrupted.", null);
        }
        byte[] bytes = response.body();
        Document answer = parse(bytes);
        Element root = answer.getDocumentElement();
        if (!SOAP_NS.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw failure(ErrorCode.PROVIDER_FAULT, "The provider answered HTTP " + response.statusCode()
                    + " with something else than a SOAP 1.1 envelope.", bytes);
        }
        security.ifPresent(checks -> verify(checks, answer, provider, bytes));
        Element content = bodyContent(answer, bytes);
        if (SOAP_NS.equals(content.getNamespaceURI()) && "Fault".equals(content.getLocalName())) {
            throw new ProviderCallFailure(new QaqpaFault(ErrorCode.PROVIDER_FAULT,
                    "The provider answered with a fault: " + faultString(content), subError(content)), bytes);
        }
        if (response.statusCode() != 200 || !answerNamespace.equals(content.getNamespaceURI())
                || !answerName.equals(content.getLocalName())) {
            throw failure(ErrorCode.PROVIDER_FAULT, "The provider answered HTTP " + response.statusCode() + " with "
                    + PrintableText.of(content.getLocalName(), 80) + " instead of " + answerName + ".", bytes);
        }
        return new ProviderAnswer(bytes, content);
    }

    /** A SOAP 1.1 envelope (empty Header, for the signature) around a copy of {@code operation}. */
    private Document envelope(Element operation) {
        Document document;
        try {
            document = documents.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM builder", e);
        }
        Element envelope = document.createElementNS(SOAP_NS, "soap:Envelope");
        envelope.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:soap", SOAP_NS);
        document.appendChild(envelope);
        envelope.appendChild(document.createElementNS(SOAP_NS, "soap:Header"));
        Element body = document.createElementNS(SOAP_NS, "soap:Body");
        envelope.appendChild(body);
        body.appendChild(document.importNode(operation, true));
        return document;
    }

    private Document sign(Document request) {
        security.ifPresent(checks -> checks.sign(request));
        return request;
    }

    private static Element firstBodyElement(Document envelope) {
        Element body = (Element) envelope.getDocumentElement().getLastChild();
        return (Element) body.getFirstChild();
    }

    private Document parse(byte[] bytes) {
        try {
            return answers.parse(new ByteArrayInputStream(bytes));
        } catch (QaqpaFault e) {
            throw failure(ErrorCode.PROVIDER_FAULT, "The provider's answer is not XML the gateway accepts: "
                    + e.getMessage(), bytes);
        }
    }

    private static void verify(ProviderSecurity checks, Document answer, Provider provider, byte[] bytes) {
        try {
            checks.verifyAnswer(answer, provider.certificate()::accepts, provider.certificate().describe());
        } catch (QaqpaFault refused) {
            throw new ProviderCallFailure(refused, bytes);
        }
    }

    /** The one element in the SOAP Body (the verifier has already held the envelope to one Body). */
    private static Element bodyContent(Document answer, byte[] bytes) {
        Element envelope = answer.getDocumentElement();
        for (Node n = envelope.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && SOAP_NS.equals(e.getNamespaceURI()) && "Body".equals(e.getLocalName())) {
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element content) {
                        return content;
                    }
                }
            }
        }
        throw failure(ErrorCode.PROVIDER_FAULT, "The provider's answer has an empty SOAP Body.", bytes);
    }

    private static String faultString(Element fault) {
        Element text = optionalChild(fault, "faultstring");
        return text == null ? "(no faultstring)" : PrintableText.of(text.getTextContent(), 300);
    }

    /** The provider's ErrorInfo (the one element in {@code detail} with an {@code errorCode}), else the SOAP faultcode. */
    private static SubError subError(Element fault) {
        Element detail = optionalChild(fault, "detail");
        for (Node n = detail == null ? null : detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element info && optionalChild(info, "errorCode") != null) {
                return new SubError(optionalChild(info, "errorCode").getTextContent().strip(),
                        textOf(info, "errorMessage").orElse(""), textOf(info, "errorData"),
                        textOf(info, "errorDate").filter(ProviderClient::isDateTime));
            }
        }
        Element code = optionalChild(fault, "faultcode");
        return new SubError(code == null ? "Server" : code.getTextContent().strip(), faultString(fault), Optional.empty(),
                Optional.empty());
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<String> textOf(Element parent, String localName) {
        return Optional.ofNullable(optionalChild(parent, localName)).map(e -> e.getTextContent().strip());
    }

    private static void setSessionId(Element response, String sessionId) {
        Element info = optionalChild(optionalChild(response, "response"), "responseInfo");
        if (info != null) {
            setText(info, "sessionId", sessionId);
        }
    }

    /** Sets the unqualified child's text, adding it at the end (where {@code sessionId} belongs in both info types). */
    private static void setText(Element parent, String localName, String text) {
        Element existing = optionalChild(parent, localName);
        if (existing == null) {
            existing = parent.getOwnerDocument().createElementNS(null, localName);
            parent.appendChild(existing);
        }
        existing.setTextContent(text);
    }

    private static Element child(Element parent, String localName) {
        Element found = optionalChild(parent, localName);
        if (found == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request has no '" + localName + "' element.");
        }
        return found;
    }

    private static Element optionalChild(Element parent, String localName) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (e.getNamespaceURI() == null || e.getNamespaceURI().isEmpty())) {
                return e;
            }
        }
        return null;
    }

    private static ProviderCallFailure failure(ErrorCode code, String message, byte[] answer) {
        return new ProviderCallFailure(new QaqpaFault(code, message), answer);
    }
}
