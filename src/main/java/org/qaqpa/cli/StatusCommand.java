package org.qaqpa.cli;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import javax.xml.XMLConstants;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qaqpa status}: asks the gateway's async channel for the state of a message the member sent
 * ({@code getMessageStatus}, signed as the member) and prints its {@code MessageState} first.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Ask for the delivery state of an async message sent with `qaqpa send --async`, signed as",
                "its sender, and print the MessageState (ON_DELIVERY, DELIVERED, NOT_DELIVERED, DELIVERY_STOPPED)",
                "and its status, or the fault's errorCode and message."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered", "1:the gateway answered with a fault (e.g. MESSAGE_NOT_FOUND)", "2:usage error",
                "3:I/O error (unreadable key, gateway unreachable)",
                "4:the answer is refused: not SOAP, unsigned, or its signature does not verify"})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The messageId `qaqpa send --async` printed.")
    String messageId;

    @Mixin
    MemberClient member;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The gateway's async endpoint (default: "
            + "http://127.0.0.1:8080/bip-async/).")
    URI endpoint = SendCommand.ASYNC_ENDPOINT;

    private final Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() {
        Document request = request();
        try {
            member.sign(request);
        } catch (DsigCommand.UsageException e) {
            System.err.println("cannot ask: " + e.getMessage());
            return 3;
        }
        return member.postAndPrint(endpoint, request, clock);
    }

    private Document request() {
        Element body = SyncMessages.newEnvelope();
        Document document = body.getOwnerDocument();
        Element operation = document.createElementNS(SendCommand.ASYNC_TYPES, "ns2:getMessageStatus");
        operation.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ns2", SendCommand.ASYNC_TYPES);
        body.appendChild(operation);
        Element request = SyncMessages.append(operation, "request", null);
        SyncMessages.append(request, "messageId", messageId);
        SyncMessages.append(request, "requestDate", SyncMessages.now(clock));
        member.appendSender(request);
        return document;
    }
}
