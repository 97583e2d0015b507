package org.qaqpa.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.xml.XMLConstants;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qaqpa send}: a SHEP client for trying the gateway out — builds a sync {@code SendMessage} (or,
 * with {@code --async}, an async {@code sendMessage}), signs it as a member (WS-Security, the SHEP
 * reference form), POSTs it, and prints the answer once its transport signature verified against the
 * development PKI the gateway uses.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one SendMessage to the gateway, signed as a member, and print the answer:",
                "its responseInfo and data, or the fault's errorCode and message. With --async, an async",
                "sendMessage to /bip-async/; the last line printed is then the messageId the gateway assigned.",
                "The answer's signature is verified against the development PKI of --data."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered", "1:the gateway (or provider) answered with a fault", "2:usage error",
                "3:I/O error (unreadable key or payload, wrong password, gateway unreachable)",
                "4:the answer is refused: not SOAP, unsigned, or its signature does not verify"})
public final class SendCommand implements Callable<Integer> {

    static final URI SYNC_ENDPOINT = URI.create("http://127.0.0.1:8080/bip-sync/");
    static final URI ASYNC_ENDPOINT = URI.create("http://127.0.0.1:8080/bip-async/");
    static final String ASYNC_TYPES = "http://bip.bee.kz/AsyncChannel/v10/Types";

    @Option(names = "--service", required = true, paramLabel = "ID", description = "The serviceId to call, e.g. TEST_SERVICE_ID.")
    String serviceId;

    @Mixin
    MemberClient member;

    @Option(names = "--payload", paramLabel = "FILE",
            description = "The data to send: an XML document goes in as an element, anything else as an escaped "
                    + "string (xsi:type xs:string). Default: <echo>hello</echo>.")
    Path payload;

    @Option(names = "--message-id", paramLabel = "ID",
            description = "The messageId (default: a new UUID; with --async none, the gateway assigns it).")
    String messageId;

    @Option(names = "--route", paramLabel = "ID", description = "The routeId, for a service with several providers.")
    String routeId;

    @Option(names = "--async", description = "Send an async sendMessage (to /bip-async/) instead of a sync SendMessage.")
    boolean async;

    @Option(names = "--message-type", paramLabel = "TYPE", defaultValue = "REQUEST",
            description = "With --async: REQUEST, NOTIFICATION, UPDATE or RESPONSE (default: ${DEFAULT-VALUE}).")
    String messageType;

    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "The correlationId: with --async, of the chain a NOTIFICATION, UPDATE or RESPONSE belongs to.")
    String correlationId;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "With --async: a messageInfo property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "The gateway's endpoint (default: " + "http://127.0.0.1:8080/bip-sync/, with --async "
                    + "http://127.0.0.1:8080/bip-async/).")
    URI endpoint;

    private final Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() {
        Document request;
        try {
            Element data = readPayload();
            request = async ? asyncRequest(data) : syncRequest(data);
            member.sign(request);
        } catch (DsigCommand.UsageException e) {
            System.err.println("cannot send: " + e.getMessage());
            return 3;
        }
        URI target = endpoint != null ? endpoint : async ? ASYNC_ENDPOINT : SYNC_ENDPOINT;
        return member.postAndPrint(target, request, clock);
    }

    private Document syncRequest(Element data) {
        Element body = SyncMessages.newEnvelope();
        Document document = body.getOwnerDocument();
        Element request = SyncMessages.append(SyncMessages.appendTypesElement(body, "SendMessage"), "request", null);
        Element info = SyncMessages.append(request, "requestInfo", null);
        SyncMessages.append(info, "messageId", messageId == null ? UUID.randomUUID().toString() : messageId);
        if (correlationId != null) {
            SyncMessages.append(info, "correlationId", correlationId);
        }
        SyncMessages.append(info, "serviceId", serviceId);
        SyncMessages.append(info, "messageDate", SyncMessages.now(clock));
        if (routeId != null) {
            SyncMessages.append(info, "routeId", routeId);
        }
        member.appendSender(info);
        Element requestData = SyncMessages.append(request, "requestData", null);
        requestData.appendChild(document.importNode(data, true));
        return document;
    }

    /** {@code sendMessage/request}: messageInfo in the contract's order (shep-contract.md §1.3), then messageData. */
    private Document asyncRequest(Element data) {
        Element body = SyncMessages.newEnvelope();
        Document document = body.getOwnerDocument();
        Element operation = document.createElementNS(ASYNC_TYPES, "ns2:sendMessage");
        operation.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ns2", ASYNC_TYPES);
        body.appendChild(operation);
        Element request = SyncMessages.append(operation, "request", null);
        Element info = SyncMessages.append(request, "messageInfo", null);
        if (messageId != null) {
            SyncMessages.append(info, "messageId", messageId);
        }
        if (correlationId != null) {
            SyncMessages.append(info, "correlationId", correlationId);
        }
        SyncMessages.append(info, "serviceId", serviceId);
        SyncMessages.append(info, "messageType", messageType);
        if (routeId != null) {
            SyncMessages.append(info, "routeId", routeId);
        }
        SyncMessages.append(info, "messageDate", SyncMessages.now(clock));
        member.appendSender(info);
        properties.forEach((key, value) -> {
            Element property = SyncMessages.append(info, "properties", null);
            SyncMessages.append(property, "key", key);
            SyncMessages.append(property, "value", value);
        });
        Element messageData = SyncMessages.append(request, "messageData", null);
        messageData.appendChild(document.importNode(data, true));
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
}
