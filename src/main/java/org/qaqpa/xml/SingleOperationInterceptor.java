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
 * After CXF has read the operation element, the SOAP Body must end: CXF would otherwise ignore
 * further Body children silently, and a second operation element is a classic wrapping trick.
 */
public final class SingleOperationInterceptor extends AbstractPhaseInterceptor<Message> {

    public SingleOperationInterceptor() {
        super(Phase.POST_UNMARSHAL);
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamReader reader = message.getContent(XMLStreamReader.class);
        if (reader == null) {
            return;
        }
        try {
            int event = reader.getEventType();
            while (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT
                    && event != XMLStreamConstants.END_DOCUMENT) {
                event = reader.next();
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SOAP Body must hold exactly one operation element.");
            }
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.", e);
        }
    }
}
