package org.qaqpa.routing;

import java.time.Instant;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.log.LogEntry;
import org.qaqpa.xml.XmlDates;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.qaqpa.server.LogContext;

/**
 * Route step for the async operations: exposes {@code serviceId}, {@code messageId}, {@code senderId},
 * {@code routeId}, {@code correlationId}, {@code messageType} and {@code messageDate} of the request as
 * headers, and its sender's credentials as {@link SenderCredentials}, from wherever the operation's type
 * keeps them ({@code request/messageInfo/…} for {@code sendMessage}, {@code request/notification/…}
 * for {@code sendDeliveryNotification}, {@code request/…} for the others). The schema check before it
 * has already held dates to {@code xsd:dateTime}.
 */
public final class AsyncRequestReader implements Processor {

    private final DatatypeFactory dates;

    public AsyncRequestReader() {
        try {
            this.dates = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("the JDK has no xsd:dateTime parser", e);
        }
    }

    @Override
    public void process(Exchange exchange) {
        Element request = child(OperationPayload.of(exchange), "request");
        Element fields = request == null ? null : firstNonNull(child(request, "messageInfo"), child(request, "notification"), request);
        Element sender = firstNonNull(child(fields, "sender"), child(request, "sender"));
        var in = exchange.getIn();
        in.setHeader(Headers.SERVICE_ID, text(fields, List.of("serviceId")));
        in.setHeader(Headers.MESSAGE_ID, text(fields, List.of("messageId")));
        LogContext.message(RequestContextProcessor.cxfExchange(exchange), in.getHeader(Headers.MESSAGE_ID, String.class));
        in.setHeader(Headers.SENDER_ID, text(sender, List.of("senderId")));
        in.setHeader(Headers.ROUTE_ID, text(fields, List.of("routeId")));
        in.setHeader(Headers.CORRELATION_ID, text(fields, List.of("correlationId")));
        in.setHeader(Headers.MESSAGE_TYPE, text(fields, List.of("messageType")));
        in.setHeader(Headers.MESSAGE_DATE, instant(firstNonNull(text(fields, List.of("messageDate")),
                text(request, List.of("requestDate")))));
        exchange.setProperty(SenderCredentials.PROPERTY, new SenderCredentials(text(sender, List.of("senderId")),
                text(sender, List.of("password"))));
        exchange.setProperty(ExchangeLog.CHANNEL, LogEntry.Channel.ASYNC);
    }

    /** As for sync: a date without an offset is read in the gateway's time zone. */
    private Instant instant(String dateTime) {
        return dateTime == null ? null : XmlDates.instant(dates.newXMLGregorianCalendar(dateTime));
    }

    private static String text(Element start, List<String> path) {
        Element current = start;
        for (String step : path) {
            current = current == null ? null : child(current, step);
        }
        return current == null ? null : current.getTextContent().trim();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
