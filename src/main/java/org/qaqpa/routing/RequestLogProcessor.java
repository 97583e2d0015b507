package org.qaqpa.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;

/**
 * Route step: the accepted request goes into the message log (status {@code ACCEPTED}, its exact
 * bytes) before the provider is called, so every call a provider received has its request on record.
 */
public final class RequestLogProcessor implements Processor {

    private final ExchangeLog log;

    public RequestLogProcessor(MessageLog log) {
        this.log = new ExchangeLog(log);
    }

    @Override
    public void process(Exchange exchange) {
        log.record(exchange, LogEntry.Kind.REQUEST, "ACCEPTED", null, ExchangeLog.requestBytes(exchange));
        exchange.setProperty(ExchangeLog.REQUEST_LOGGED, true);
    }
}
