package org.qaqpa.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.qaqpa.async.AcceptedMessage;
import org.qaqpa.async.DeliveryStatus;
import org.qaqpa.xml.ScopedImport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The gateway's own answers on the async channel (shep-contract.md §1.3), as operation elements in
 * {@code AsyncChannel/v10/Types} with unqualified children; the endpoint signs them on the way out.
 */
final class AsyncAnswers {

    static final String ASYNC_TYPES_NS = "http://bip.bee.kz/AsyncChannel/v10/Types";
    /** The participant side's own elements ({@code IAsyncChannelClient.changeMassageStatusNotification}). */
    static final String ASYNC_CLIENT_TYPES_NS = "http://bip.bee.kz/AsyncChannel/v10/Types/Client";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    /** Always with seconds and milliseconds, as xsd:dateTime readers expect. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newInstance();

    static {
        DOCUMENTS.setNamespaceAware(true);
    }

    private final Clock clock;

    AsyncAnswers(Clock clock) {
        this.clock = clock;
    }

    /** {@code sendMessageResponse}: the messageId, the chain's correlationId (a REQUEST's own messageId), now, the sessionId. */
    Element sendMessageResponse(AcceptedMessage message) {
        Element response = response("sendMessageResponse");
        append(response, "messageId", message.messageId());
        append(response, "correlationId", message.correlationId() == null ? message.messageId() : message.correlationId());
        append(response, "responseDate", date(clock.instant()));
        append(response, "sessionId", message.sessionId());
        return (Element) response.getParentNode();
    }

    /** {@code getMessageStatusResponse}: the state, a status saying since when and why, now, the sessionId. */
    Element messageStatusResponse(DeliveryStatus status, String sessionId) {
        Element response = response("getMessageStatusResponse");
        append(response, "messageState", status.state().name());
        Element info = append(response, "status", null);
        append(info, "statusCode", status.state().name());
        append(info, "statusMessage", statusMessage(status));
        append(info, "statusDate", date(status.stateAt()));
        append(response, "responseDate", date(clock.instant()));
        append(response, "sessionId", sessionId);
        return (Element) response.getParentNode();
    }

    /**
     * {@code getMessagesResponse}: now, the sessionId, and each handed-out message as an {@code AsyncMessage}
     * — the {@code messageInfo} and {@code messageData} of its queued {@code sendMessage}, as they are.
     *
     * @param queued the queued {@code sendMessage} elements, oldest first
     */
    Element messagesResponse(List<Element> queued, String sessionId) {
        Element response = response("getMessagesResponse");
        append(response, "responseDate", date(clock.instant()));
        append(response, "sessionId", sessionId);
        for (Element sendMessage : queued) {
            Element message = append(response, "messages", null);
            Element request = AsyncRequestReader.child(sendMessage, "request");
            for (String part : List.of("messageInfo", "messageData")) {
                message.appendChild(ScopedImport.of(response.getOwnerDocument(), AsyncRequestReader.child(request, part)));
            }
        }
        return (Element) response.getParentNode();
    }

    /** {@code sendDeliveryNotificationResponse}: the id the gateway gave the notification, now, the sessionId. */
    Element deliveryNotificationResponse(String notificationId, String sessionId) {
        Element response = response("sendDeliveryNotificationResponse");
        append(response, "notificationId", notificationId);
        append(response, "responseDate", date(clock.instant()));
        append(response, "sessionId", sessionId);
        return (Element) response.getParentNode();
    }

    /**
     * {@code changeMassageStatusNotification} for the sender (sic, the contract's spelling): the new state of
     * its message, with a status saying since when and why, and now.
     */
    Element statusNotification(String notificationId, String messageId, String state, String statusMessage, Instant statusDate) {
        Element request = operation(ASYNC_CLIENT_TYPES_NS, "changeMassageStatusNotification", "request");
        Element notification = append(request, "notification", null);
        append(notification, "notificationId", notificationId);
        append(notification, "messageId", messageId);
        append(notification, "notificationDate", date(clock.instant()));
        append(notification, "messageState", state);
        Element status = append(notification, "status", null);
        append(status, "statusCode", state);
        append(status, "statusMessage", statusMessage);
        append(status, "statusDate", date(statusDate));
        append(request, "requestDate", date(clock.instant()));
        return (Element) request.getParentNode();
    }

    /** {@code changeMassageStatusNotificationResponse}, as this gateway answers a node's notification: now, the sessionId. */
    Element statusNotificationResponse(String sessionId) {
        Element response = operation(ASYNC_CLIENT_TYPES_NS, "changeMassageStatusNotificationResponse", "response");
        append(response, "responseDate", date(clock.instant()));
        append(response, "sessionId", sessionId);
        return (Element) response.getParentNode();
    }

    static String statusMessage(DeliveryStatus status) {
        String text = switch (status.state()) {
            case ON_DELIVERY -> "Accepted " + status.acceptedAt() + "; " + status.attempts() + " delivery attempt(s) so far"
                    + status.lastError().map(e -> ", the last failed: " + e).orElse("");
            case DELIVERED -> "Delivered " + status.deliveredAt().orElse(status.stateAt()) + " after " + status.attempts()
                    + " attempt(s).";
            case NOT_DELIVERED -> "The recipient refused the message" + status.lastError().map(e -> ": " + e).orElse("") + ".";
            case DELIVERY_STOPPED -> "Delivery stopped after " + status.attempts() + " attempt(s)"
                    + status.lastError().map(e -> "; the last failed: " + e).orElse("") + ".";
        };
        // common:MessageStatusInfo/statusMessage is a plain string; stay well within what clients display.
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    /** The operation element {@code name} with its {@code response} child; returns the child. */
    private static Element response(String name) {
        return operation(ASYNC_TYPES_NS, name, "response");
    }

    /** The operation element {@code {namespace}name} with its one child {@code part}; returns the child. */
    private static Element operation(String namespace, String name, String part) {
        Document document = newDocument();
        Element root = document.createElementNS(namespace, "ns2:" + name);
        root.setAttributeNS(XMLNS, "xmlns:ns2", namespace);
        document.appendChild(root);
        return append(root, part, null);
    }

    private static Element append(Element parent, String localName, String text) {
        Element element = parent.getOwnerDocument().createElementNS(null, localName);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    private String date(Instant instant) {
        return OffsetDateTime.ofInstant(instant, clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone())
                .format(DATE_TIME);
    }

    static Document newDocument() {
        try {
            return DOCUMENTS.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM builder", e);
        }
    }
}
