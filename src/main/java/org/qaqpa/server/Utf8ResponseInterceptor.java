package org.qaqpa.server;

import java.nio.charset.StandardCharsets;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Every answer is UTF-8, whatever charset (or none) the request declared: CXF would otherwise
 * answer a request without a charset in ISO-8859-1.
 */
final class Utf8ResponseInterceptor extends AbstractPhaseInterceptor<Message> {

    Utf8ResponseInterceptor() {
        super(Phase.PREPARE_SEND);
    }

    @Override
    public void handleMessage(Message message) {
        message.put(Message.ENCODING, StandardCharsets.UTF_8.name());
    }
}
