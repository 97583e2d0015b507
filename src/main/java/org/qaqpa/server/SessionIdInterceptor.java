package org.qaqpa.server;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Gives each inbound request its session id (also on every log line written for it, {@link LogContext}) and notes when
 * it arrived, before anything can fail.
 */
final class SessionIdInterceptor extends AbstractPhaseInterceptor<Message> {

    SessionIdInterceptor() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        RequestMetering.received(message.getExchange());
        LogContext.of(message.getExchange());
    }
}
