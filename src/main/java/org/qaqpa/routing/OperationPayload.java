package org.qaqpa.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;

/** Reads the operation element (the one SOAP Body child) of a CXF PAYLOAD-mode exchange. */
final class OperationPayload {

    private OperationPayload() {
    }

    static Element of(Exchange exchange) {
        CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
        List<Element> body = payload == null ? List.of() : payload.getBody();
        if (body.size() != 1) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The SOAP Body must hold exactly one operation element.");
        }
        return body.get(0);
    }
}
