package org.qaqpa.server;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.ops.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The one place a failure becomes an answer: maps whatever went wrong to a catalogue
 * {@link ErrorCode} and replaces the outgoing fault with a SOAP 1.1 fault whose detail is the
 * operation's fault element of type {@code ErrorInfo}. Nothing of the original exception (class
 * names, stack frames, parser messages) leaves the process.
 */
public final class FaultMapper extends AbstractPhaseInterceptor<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(FaultMapper.class);
    private static final DateTimeFormatter ERROR_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** CXF and SOAP fault codes that mean "the request was not a valid message for this endpoint". */
    private static final Set<String> REQUEST_FAULT_CODES = Set.of("Client", "client", "Sender", "VersionMismatch", "MustUnderstand");

    private final Map<String, QName> faultElementByOperation;
    private final QName defaultFaultElement;
    private final Clock clock;
    private final String channel;
    private final GatewayMetrics metrics;

    /**
     * @param faultElementByOperation WSDL operation name → its fault element
     * @param defaultFaultElement     used when the request failed before its operation was known
     */
    public FaultMapper(Map<String, QName> faultElementByOperation, QName defaultFaultElement, Clock clock) {
        this(faultElementByOperation, defaultFaultElement, clock, "sync", GatewayMetrics.unused());
    }

    /**
     * @param channel the {@code channel} tag of the refusals it counts (those the route did not count: refused by an
     *                interceptor or by a route step before the route's catch)
     */
    public FaultMapper(Map<String, QName> faultElementByOperation, QName defaultFaultElement, Clock clock, String channel,
                       GatewayMetrics metrics) {
        super(Phase.PRE_LOGICAL);
        this.faultElementByOperation = Map.copyOf(faultElementByOperation);
        this.defaultFaultElement = defaultFaultElement;
        this.clock = clock;
        this.channel = channel;
        this.metrics = metrics;
    }

    @Override
    public void handleMessage(Message message) {
        Exception failure = message.getContent(Exception.class);
        String sessionId = SessionIds.of(message.getExchange());
        Message request = message.getExchange().getInMessage();
        QaqpaFault refusal = request != null && isGET(request) && findRefusal(failure) == null
                // A GET that fails is a ?wsdl/?xsd query for a document that does not exist.
                ? new QaqpaFault(ErrorCode.MESSAGE_INVALID, "No such WSDL or schema document.")
                : classify(failure, sessionId);
        SoapFault fault = new SoapFault(refusal.getMessage(), refusal.code().side() == ErrorCode.Side.CLIENT
                ? Soap11.getInstance().getSender() : Soap11.getInstance().getReceiver());
        fault.getOrCreateDetail().appendChild(errorInfo(fault.getOrCreateDetail().getOwnerDocument(),
                faultElementFor(message), refusal, sessionId));
        message.setContent(Exception.class, fault);
        if (RequestMetering.markRecorded(message.getExchange())) {
            BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
            metrics.request(channel, operation == null ? null : operation.getName().getLocalPart(), null, null,
                    refusal.code().name(), RequestMetering.elapsedNanos(message.getExchange()));
        }
    }

    /** Finds the catalogue code for a failure; unknown failures are logged here and become {@code INTERNAL_ERROR}. */
    static QaqpaFault classify(Throwable failure, String sessionId) {
        QaqpaFault refusal = findRefusal(failure);
        if (refusal != null) {
            LOG.info("session {} refused: {} {}", sessionId, refusal.code(), refusal.getMessage());
            return refusal;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException) {
                LOG.info("session {} refused: not well-formed XML: {}", sessionId, PrintableText.of(t.getMessage()));
                return new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.");
            }
        }
        if (failure instanceof Fault cxfFault && cxfFault.getFaultCode() != null
                && REQUEST_FAULT_CODES.contains(cxfFault.getFaultCode().getLocalPart())) {
            LOG.info("session {} refused: not a valid SOAP message: {}", sessionId, PrintableText.of(cxfFault.getMessage()));
            return new QaqpaFault(ErrorCode.MESSAGE_INVALID,
                    "The request is not a SOAP 1.1 message of an operation of this endpoint.");
        }
        LOG.error("session {} failed", sessionId, failure);
        return new QaqpaFault(ErrorCode.INTERNAL_ERROR,
                "The gateway could not process the request; quote sessionId " + sessionId + " to the operator.");
    }

    private static QaqpaFault findRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QaqpaFault refusal) {
                return refusal;
            }
        }
        return null;
    }

    private QName faultElementFor(Message message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        if (operation == null) {
            return defaultFaultElement;
        }
        return faultElementByOperation.getOrDefault(operation.getName().getLocalPart(), defaultFaultElement);
    }

    private Element errorInfo(Document doc, QName faultElement, QaqpaFault refusal, String sessionId) {
        Element root = doc.createElementNS(faultElement.getNamespaceURI(), "ns2:" + faultElement.getLocalPart());
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ns2", faultElement.getNamespaceURI());
        appendText(root, "errorCode", refusal.code().name());
        appendText(root, "errorMessage", refusal.getMessage());
        String now = OffsetDateTime.now(clock).format(ERROR_DATE);
        appendText(root, "errorDate", now);
        refusal.subError().ifPresent(sub -> {
            Element subError = doc.createElementNS(null, "subError");
            appendText(subError, "errorCode", sub.errorCode());
            appendText(subError, "errorMessage", sub.errorMessage());
            sub.errorData().ifPresent(data -> appendText(subError, "errorData", data));
            appendText(subError, "errorDate", sub.errorDate().orElse(now));
            root.appendChild(subError);
        });
        appendText(root, "sessionId", sessionId);
        return root;
    }

    private static void appendText(Element parent, String localName, String text) {
        // Unqualified, as every local element of the SHEP schemas.
        Element child = parent.getOwnerDocument().createElementNS(null, localName);
        child.setTextContent(text);
        parent.appendChild(child);
    }
}
