package org.qaqpa.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.qaqpa.sandbox.SyncMessages;

/**
 * The unsigned SOAP request of a scenario, padded so that it is exactly the payload size: the fields in
 * the contract's order, then a {@code payload} element of filler as the data.
 */
interface RequestEnvelope {

    String PAYLOAD_NS = "urn:qaqpa:bench";

    /** The envelope with {@code messageId}, or without one when it is null, of {@code bytes} unsigned. */
    String unsigned(String messageId, int bytes);

    /** An async {@code sendMessage} REQUEST (http://bip.bee.kz/AsyncChannel/v10/Types). */
    static RequestEnvelope async(Scenario.Sender sender, Clock clock) {
        return (messageId, bytes) -> padded("<ns2:sendMessage xmlns:ns2=\"http://bip.bee.kz/AsyncChannel/v10/Types\"><request><messageInfo>"
                + optional("messageId", messageId)
                + element("serviceId", sender.serviceId())
                + "<messageType>REQUEST</messageType>"
                + element("messageDate", SyncMessages.now(clock))
                + credentials(sender)
                + "</messageInfo><messageData><data>",
                "</data></messageData></request></ns2:sendMessage>", bytes);
    }

    /** A sync {@code SendMessage} (http://bip.bee.kz/SyncChannel/v10/Types). */
    static RequestEnvelope sync(Scenario.Sender sender, Clock clock) {
        return (messageId, bytes) -> padded("<ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"><request><requestInfo>"
                + optional("messageId", messageId)
                + element("serviceId", sender.serviceId())
                + element("messageDate", SyncMessages.now(clock))
                + credentials(sender)
                + "</requestInfo><requestData><data>",
                "</data></requestData></request></ns2:SendMessage>", bytes);
    }

    private static String padded(String bodyHead, String bodyTail, int bytes) {
        String head = "<soapenv:Envelope xmlns:soapenv=\"" + SyncMessages.SOAP + "\"><soapenv:Body>" + bodyHead
                + "<payload xmlns=\"" + PAYLOAD_NS + "\">";
        String tail = "</payload>" + bodyTail + "</soapenv:Body></soapenv:Envelope>";
        int padding = Math.max(0, bytes - head.getBytes(StandardCharsets.UTF_8).length - tail.length());
        return head + "x".repeat(padding) + tail;
    }

    private static String credentials(Scenario.Sender sender) {
        return "<sender>" + element("senderId", sender.senderId()) + element("password", sender.password()) + "</sender>";
    }

    private static String optional(String name, String text) {
        return text == null ? "" : element(name, text);
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</" + name + ">";
    }
}
