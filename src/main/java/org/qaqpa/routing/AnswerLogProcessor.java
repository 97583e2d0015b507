package org.qaqpa.routing;

import java.io.ByteArrayOutputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.MessageLog;
import org.qaqpa.ops.GatewayMetrics;
import org.qaqpa.xml.XmlBytes;
import org.w3c.dom.Element;

/**
 * Route step after an operation the gateway answers itself (no provider is called, e.g.
 * {@code getMessageStatus}): its answer goes into the message log as a {@code RESPONSE} row with status
 * {@value #STATUS}, so that what the gateway told the caller can be proven as a provider's answer can.
 * The body is the answer's payload as the route built it (each answer is its own DOM document, see
 * {@link AsyncAnswers}); CXF wraps it in the SOAP envelope afterwards. The answered request is counted in the metrics.
 */
public final class AnswerLogProcessor implements Processor {

    /** The status of an answer row, as the sync route logs a provider's answer. */
    static final String STATUS = "ANSWERED";

    private final ExchangeLog log;
    private final RequestOutcomes outcomes;

    public AnswerLogProcessor(MessageLog log, GatewayMetrics metrics) {
        this.log = new ExchangeLog(log);
        this.outcomes = new RequestOutcomes(metrics);
    }

    @Override
    public void process(Exchange exchange) {
        CxfPayload<?> answer = exchange.getMessage().getBody(CxfPayload.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Element part : answer.getBody()) {
            bytes.writeBytes(XmlBytes.of(part.getOwnerDocument()));
        }
        log.record(exchange, LogEntry.Kind.RESPONSE, STATUS, null, bytes.toByteArray());
        outcomes.answered(exchange);
    }
}
