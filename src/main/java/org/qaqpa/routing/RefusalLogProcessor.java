package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.ops.GatewayMetrics;

/**
 * The catch step of the sync route: records a refusal in the message log, then throws it on to the
 * endpoint, which answers with the fault. A request refused before it was logged gets one
 * {@code REQUEST} row with status {@code REFUSED}; a logged one gets a {@code FAULT} row (with the
 * provider's bytes when the provider's answer was the reason). Either way the refusal is counted in the metrics.
 */
public final class RefusalLogProcessor implements Processor {

    private final ExchangeLog log;
    private final RequestOutcomes outcomes;

    public RefusalLogProcessor(MessageLog log, GatewayMetrics metrics) {
        this.log = new ExchangeLog(log);
        this.outcomes = new RequestOutcomes(metrics);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String code = caught instanceof QaqpaFault fault ? fault.code().name() : ErrorCode.INTERNAL_ERROR.name();
        if (Boolean.TRUE.equals(exchange.getProperty(ExchangeLog.REQUEST_LOGGED, Boolean.class))) {
            log.record(exchange, LogEntry.Kind.FAULT, "REFUSED", code, exchange.getProperty(ExchangeLog.PROVIDER_BYTES, byte[].class));
        } else {
            log.record(exchange, LogEntry.Kind.REQUEST, "REFUSED", code, ExchangeLog.requestBytes(exchange));
        }
        outcomes.refused(exchange, code);
        throw caught;
    }
}
