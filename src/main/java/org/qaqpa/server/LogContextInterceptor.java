package org.qaqpa.server;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * First on the answer's and the fault's chain: the exchange's ids back in the {@link LogContext} of the thread that
 * writes the answer (after a suspended request resumes, not the one that read the request).
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
