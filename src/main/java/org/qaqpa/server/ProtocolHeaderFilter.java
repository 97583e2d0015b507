package org.qaqpa.server;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Keeps HTTP headers out of routing: of a caller's headers only {@code Content-Type} and
 * {@code SOAPAction} become Camel headers (so a caller cannot set {@code operationName} or a
 * {@code Qaqpa*} header), and no Camel header is ever written back as an HTTP response header.
 */
final class ProtocolHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> ALLOWED_FROM_CALLER = Set.of("content-type", "soapaction");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return true;
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED_FROM_CALLER.contains(headerName.toLowerCase(Locale.ROOT));
    }
}
