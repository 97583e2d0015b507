package org.qaqpa.xml;

import java.io.InputStream;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.interceptor.StaxInEndingInterceptor;
import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Replaces CXF's own reader creation with a {@link SecureXmlInputFactory} reader, so every later
 * interceptor (SOAP headers, WS-Security, payload) reads through the guard. Runs just before
 * {@link StaxInInterceptor}, which then finds the reader in place and does nothing.
 */
public final class SecureStaxInInterceptor extends AbstractPhaseInterceptor<Message> {

    private final SecureXmlInputFactory factory;

    public SecureStaxInInterceptor(SecureXmlInputFactory factory) {
        super(Phase.POST_STREAM);
        addBefore(StaxInInterceptor.class.getName());
        this.factory = factory;
    }

    @Override
    public void handleMessage(Message message) {
        if (isGET(message) || message.getContent(XMLStreamReader.class) != null) {
            return;
        }
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request has no body.");
        }
        requireXmlContentType((String) message.get(Message.CONTENT_TYPE));
        try {
            XMLStreamReader reader = factory.createReader(in, (String) message.get(Message.ENCODING));
            message.setContent(XMLStreamReader.class, reader);
            message.getInterceptorChain().add(StaxInEndingInterceptor.INSTANCE);
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.", e);
        }
    }

    private static String shorten(String value) {
        String text = value == null ? "" : value;
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static void requireXmlContentType(String contentType) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.endsWith("/xml") && !media.endsWith("+xml")) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID,
                    "Content-Type must be text/xml for SOAP 1.1, got '" + shorten(contentType) + "'.");
        }
    }
}
