package org.qaqpa.server;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * First on the answer's and the fault's chain: the exchange's ids back in the {@link LogContext} of the thread that
 * writes the answer. The endpoints are synchronous, so that is the thread that read the request, yet its MDC no
 * longer holds them by then when the Camel route refused the request: without this interceptor the
 * {@code FaultMapper}'s "refused" line has no sessionId ({@code StructuredLogTest} fails). What empties it
 * between the two was not found; setting the ids again from the exchange does not depend on it.
 */
final class LogContextInterceptor extends AbstractPhaseInterceptor<Message> {

    LogContextInterceptor() {
        super(Phase.SETUP);
    }

    @Override
    public void handleMessage(Message message) {
        LogContext.of(message.getExchange());
    }
}
