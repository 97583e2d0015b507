package org.qaqpa.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.xml.XMLConstants;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qaqpa send}: a SHEP sync client for trying the gateway out — builds a {@code SendMessage},
 * signs it as a member (WS-Security, the SHEP reference form), POSTs it, and prints the answer once
 * its transport signature verified against the development PKI the gateway uses.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one sync SendMessage to the gateway, signed as a member, and print the answer:",
                "its responseInfo and data, or the fault's errorCode and message. The answer's signature is",
                "verified against the development PKI of --data."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered", "1:the gateway (or provider) answered with a fault", "2:usage error",
                "3:I/O error (unreadable key or payload, wrong password, gateway unreachable)",
                "4:the answer is refused: not SOAP, unsigned, or its signature does not verify"})
public final class SendCommand implements Callable<Integer> {

    /** The dev-client member's password in config/members.yaml, for when no variable holds one. */
    static final String DEVELOPMENT_MEMBER_PASSWORD = "changeit";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--service", required = true, paramLabel = "ID", description = "The serviceId to call, e.g. TEST_SERVICE_ID.")
    String serviceId;

    @Option(names = "--sender", paramLabel = "ID", defaultValue = "dev-client", description = "The member's senderId (default: ${DEFAULT-VALUE}).")
    String senderId;

    @Option(names = "--key", paramLabel = "P12",
            description = "PKCS#12 keystore of the member's signing key (default: DATA/pki/legal.p12); its password is "
                    + DevPki.PASSWORD_ENV + " or '" + DevPki.DEVELOPMENT_PASSWORD + "'.")
    Path key;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "QAQPA_MEMBER_PASSWORD",
            description = "Environment variable holding the member's password (default: ${DEFAULT-VALUE}; unset: the "
                    + "dev-client development password, with a warning).")
    String passwordEnv;

    @Option(names = "--payload", paramLabel = "FILE",
            description = "The data to send: an XML document goes in as an element, anything else as an escaped "
                    + "string (xsi:type xs:string). Default: <echo>hello</echo>.")
    Path payload;

    @Option(names = "--message-id", paramLabel = "ID", description = "The messageId (default: a new UUID).")
    String messageId;

    @Option(names = "--route", paramLabel = "ID", description = "The routeId, for a service with several providers.")
    String routeId;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080/bip-sync/",
            description = "The gateway's sync endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "The gateway's data directory, whose pki/ holds the member key and the root to trust (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    private final Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() {
        Path pki = dataDir.resolve("pki");
        Document request;
        TrustMaterial trust;
        try {
            IssuedCertificate signer = readKey(key == null ? pki.resolve("legal.p12") : key);
            trust = new TrustMaterial(readCertificates(pki.resolve("root-cert.pem")),
                    readCertificates(pki.resolve("inter-cert.pem")), List.of(), RevocationMode.OFF);
            request = request(readPayload());
            new XmlSigner(signer.privateKey(), signer.certificate()).signTransport(request, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        } catch (DsigCommand.UsageException e) {
            System.err.println("cannot send: " + e.getMessage());
            return 3;
        }
        byte[] answer;
        try {
            answer = post(SyncMessages.serialize(request));
        } catch (IOException e) {
            System.err.println("cannot send to " + endpoint + ": " + e);
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
        return new SendAnswer(answer, new CertificateValidator(trust), clock).print();
    }

    private Document request(Element data) {
        Element body = SyncMessages.newEnvelope();
        Document document = body.getOwnerDocument();
        Element request = SyncMessages.append(SyncMessages.appendTypesElement(body, "SendMessage"), "request", null);
        Element info = SyncMessages.append(request, "requestInfo", null);
        SyncMessages.append(info, "messageId", messageId == null ? UUID.randomUUID().toString() : messageId);
        SyncMessages.append(info, "serviceId", serviceId);
        SyncMessages.append(info, "messageDate", SyncMessages.now(clock));
        if (routeId != null) {
            SyncMessages.append(info, "routeId", routeId);
        }
        Element sender = SyncMessages.append(info, "sender", null);
        SyncMessages.append(sender, "senderId", senderId);
        SyncMessages.append(sender, "password", memberPassword());
        Element requestData = SyncMessages.append(request, "requestData", null);
        requestData.appendChild(document.importNode(data, true));
        return document;
    }

    /** The {@code data} element: the payload file as XML when it parses, else as an escaped string. */
    private Element readPayload() throws DsigCommand.UsageException {
        Document holder = SyncMessages.newEnvelope().getOwnerDocument();
        Element data = holder.createElementNS(null, "data");
        if (payload == null) {
            SyncMessages.append(data, "echo", "hello");
            return data;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(payload);
        } catch (IOException e) {
            throw new DsigCommand.UsageException("cannot read --payload " + payload + ": " + e.getMessage());
        }
        try {
            Document xml = new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(bytes));
            data.appendChild(holder.importNode(xml.getDocumentElement(), true));
        } catch (QaqpaFault notXml) {
            data.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", SyncMessages.XSI);
            data.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xs", SyncMessages.XS);
            data.setAttributeNS(SyncMessages.XSI, "xsi:type", "xs:string");
            data.setTextContent(new String(bytes, StandardCharsets.UTF_8));
        }
        return data;
    }

    private String memberPassword() {
        String password = System.getenv(passwordEnv);
        if (password == null) {
            System.err.println("warning: " + passwordEnv + " is not set; sending the dev-client development password '"
                    + DEVELOPMENT_MEMBER_PASSWORD + "' (never in production)");
            return DEVELOPMENT_MEMBER_PASSWORD;
        }
        return password;
    }

    private byte[] post(byte[] envelope) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
        return http.send(post, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static IssuedCertificate readKey(Path p12) throws DsigCommand.UsageException {
        try {
            return IssuedCertificate.readPkcs12(p12, DevPki.password());
        } catch (IllegalArgumentException e) {
            throw new DsigCommand.UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DsigCommand.UsageException("cannot open " + p12 + ": " + e.getCause().getMessage());
        }
    }

    private static List<java.security.cert.X509Certificate> readCertificates(Path pem) throws DsigCommand.UsageException {
        try {
            return TrustMaterial.readCertificates(pem);
        } catch (IllegalArgumentException e) {
            throw new DsigCommand.UsageException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DsigCommand.UsageException("cannot read " + pem + " (is --data the gateway's data directory?)");
        }
    }
}
