package org.qaqpa.xml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * The SOAP Body must hold exactly one operation element and nothing else: after CXF has read it,
 * the Body must end (CXF would otherwise ignore further children silently, and a second operation
 * element is a classic wrapping trick), and an empty Body binds no operation at all.
 */
public final class SingleOperationInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    public SingleOperationInterceptor() {
        super(Phase.POST_UNMARSHAL);
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getExchange().getBindingOperationInfo() == null) {
            throw notOneOperation();
        }
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        try {
            int event = reader.getEventType();
            if (event == XMLStreamConstants.END_ELEMENT && !isSoapBody(reader)) {
                // A DOM-backed reader stops on the operation's end tag, a streaming one just after it.
                event = reader.next();
            }
            while (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT
                    && event != XMLStreamConstants.END_DOCUMENT) {
                if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && !reader.isWhiteSpace()) {
                    throw notOneOperation();
                }
                event = reader.next();
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw notOneOperation();
            }
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.", e);
        }
    }

    private static boolean isSoapBody(XMLStreamReader reader) {
        return "Body".equals(reader.getLocalName()) && SOAP11.equals(reader.getNamespaceURI());
    }

    private static QaqpaFault notOneOperation() {
        return new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SOAP Body must hold exactly one operation element.");
    }
}
