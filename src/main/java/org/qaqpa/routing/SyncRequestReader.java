package org.qaqpa.routing;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.time.Instant;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.qaqpa.contract.sync.SyncMessageInfo;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.log.LogEntry;
import org.qaqpa.xml.XmlDates;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.qaqpa.server.LogContext;

/**
 * Route step for {@code SendMessage}: binds {@code request/requestInfo} to {@link SyncMessageInfo}
 * and exposes its routing fields, and the {@code messageDate} the replay check needs, as headers.
 * The payload in {@code requestData} stays DOM.
 */
public final class SyncRequestReader implements Processor {

    /** Exchange property holding the bound {@link SyncMessageInfo}. */
    public static final String REQUEST_INFO = "QaqpaRequestInfo";

    private final JAXBContext jaxb;

    public SyncRequestReader() {
        try {
            this.jaxb = JAXBContext.newInstance(SyncMessageInfo.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot bind the sync contract types", e);
        }
    }

    @Override
    public void process(Exchange exchange) throws JAXBException {
        Element requestInfo = child(child(OperationPayload.of(exchange), "request"), "requestInfo");
        SyncMessageInfo info = jaxb.createUnmarshaller().unmarshal(requestInfo, SyncMessageInfo.class).getValue();
        exchange.setProperty(REQUEST_INFO, info);
        var in = exchange.getIn();
        in.setHeader(Headers.MESSAGE_ID, info.getMessageId());
        LogContext.message(RequestContextProcessor.cxfExchange(exchange), info.getMessageId());
        in.setHeader(Headers.MESSAGE_DATE, instant(info.getMessageDate()));
        in.setHeader(Headers.SERVICE_ID, info.getServiceId());
        in.setHeader(Headers.ROUTE_ID, info.getRouteId());
        in.setHeader(Headers.SENDER_ID, info.getSender() == null ? null : info.getSender().getSenderId());
        in.setHeader(Headers.CORRELATION_ID, info.getCorrelationId());
        exchange.setProperty(SenderCredentials.PROPERTY, new SenderCredentials(in.getHeader(Headers.SENDER_ID, String.class),
                info.getSender() == null ? null : info.getSender().getPassword()));
        exchange.setProperty(ExchangeLog.CHANNEL, LogEntry.Channel.SYNC);
    }

    /**
     * xs:dateTime may omit the offset; such a date is read in the JVM's time zone, the gateway's local
     * time, as senders in the same country mostly mean it. Null when absent (the schema check refuses that).
     */
    private static Instant instant(XMLGregorianCalendar date) {
        return date == null ? null : XmlDates.instant(date);
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request has no '" + localName + "' element.");
    }
}
