package org.qaqpa.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Route step for the async operations: exposes {@code serviceId}, {@code messageId} and
 * {@code senderId} of the request as headers, from wherever the operation's type keeps them
 * ({@code request/messageInfo/…} for {@code sendMessage}, {@code request/…} for the others).
 */
public final class AsyncRequestReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        Element request = child(OperationPayload.of(exchange), "request");
        Element fields = request == null ? null : firstNonNull(child(request, "messageInfo"), child(request, "notification"), request);
        var in = exchange.getIn();
        in.setHeader(Headers.SERVICE_ID, text(fields, List.of("serviceId")));
        in.setHeader(Headers.MESSAGE_ID, text(fields, List.of("messageId")));
        in.setHeader(Headers.SENDER_ID, firstNonNull(text(fields, List.of("sender", "senderId")),
                text(request, List.of("sender", "senderId"))));
        in.setHeader(Headers.ROUTE_ID, text(fields, List.of("routeId")));
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

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
