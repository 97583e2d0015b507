package org.qaqpa.routing;

import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.qaqpa.log.LogEntry;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.server.RequestMetering;

/**
 * Counts a request's outcome in {@link GatewayMetrics} at the route step that logs it (answer or refusal), with the
 * channel, operation, serviceId and senderId the route established, and its time since the request arrived.
 */
final class RequestOutcomes {

    /** The CXF consumer's header naming the WSDL operation. */
    private static final String OPERATION_NAME = "operationName";

    private final GatewayMetrics metrics;

    RequestOutcomes(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    void answered(Exchange exchange) {
        record(exchange, null);
    }

    void refused(Exchange exchange, String errorCode) {
        record(exchange, errorCode);
    }

    private void record(Exchange exchange, String errorCode) {
        var cxf = RequestContextProcessor.cxfExchange(exchange);
        long elapsed;
        if (cxf != null) {
            if (!RequestMetering.markRecorded(cxf)) {
                return;
            }
            elapsed = RequestMetering.elapsedNanos(cxf);
        } else {
            // not from an endpoint (a route test): since Camel made the exchange
            elapsed = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - exchange.getClock().getCreated());
        }
        var in = exchange.getIn();
        LogEntry.Channel channel = exchange.getProperty(ExchangeLog.CHANNEL, LogEntry.Channel.SYNC, LogEntry.Channel.class);
        metrics.request(channel == LogEntry.Channel.SYNC ? "sync" : "async", in.getHeader(OPERATION_NAME, String.class),
                in.getHeader(Headers.SERVICE_ID, String.class), in.getHeader(Headers.SENDER_ID, String.class), errorCode,
                elapsed);
    }
}
