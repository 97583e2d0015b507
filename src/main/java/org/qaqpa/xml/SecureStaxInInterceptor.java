package org.qaqpa.xml;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.interceptor.StaxInEndingInterceptor;
import org.apache.cxf.interceptor.StaxInInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;

/**
 * Replaces CXF's own reader creation with a {@link SecureXmlInputFactory} reader, so every later
 * interceptor (SOAP headers, WS-Security, payload) reads through the guard. Runs just before
 * {@link StaxInInterceptor}, which then finds the reader in place and does nothing.
 */
public final class SecureStaxInInterceptor extends AbstractPhaseInterceptor<Message> {

    /** Request attribute naming a charset the JVM does not support, set by the HTTP layer. */
    public static final String UNSUPPORTED_CHARSET = "qaqpa.unsupportedCharset";

    private final SecureXmlInputFactory factory;

    public SecureStaxInInterceptor(SecureXmlInputFactory factory) {
        super(Phase.POST_STREAM);
        addBefore(StaxInInterceptor.class.getName());
        this.factory = factory;
    }

    @Override
    public void handleMessage(Message message) {
        if (isGET(message)) {
            requireDocumentQuery(message);
            return;
        }
        if (message.getContent(XMLStreamReader.class) != null) {
            return;
        }
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request has no body.");
        }
        requireXmlContentType((String) message.get(Message.CONTENT_TYPE));
        requireSupportedCharset(message);
        try {
            XMLStreamReader reader = factory.createReader(in, declaredCharset(message));
            message.setContent(XMLStreamReader.class, reader);
            message.getInterceptorChain().add(StaxInEndingInterceptor.INSTANCE);
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request is not well-formed XML.", e);
        }
    }

    /** GET serves the contract documents only ({@code ?wsdl}, {@code ?xsd=…}); SOAP requests are POSTed. */
    private static void requireDocumentQuery(Message message) {
        String query = (String) message.get(Message.QUERY_STRING);
        String lower = query == null ? "" : query.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("wsdl") && !lower.startsWith("xsd=")) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "SOAP requests are sent with POST; GET serves only ?wsdl.");
        }
    }

    /**
     * The charset the Content-Type names, or null to let the parser read it from the XML declaration
     * (UTF-8 by default). CXF's own encoding would be ISO-8859-1 for a bare text/xml, HTTP's old
     * default for text types, which garbles every UTF-8 request sent without a charset parameter.
     */
    private static String declaredCharset(Message message) {
        String contentType = (String) message.get(Message.CONTENT_TYPE);
        boolean declared = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("charset=");
        return declared ? (String) message.get(Message.ENCODING) : null;
    }

    private static void requireSupportedCharset(Message message) {
        if (message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request
                && request.getAttribute(UNSUPPORTED_CHARSET) instanceof String charset) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The charset '" + PrintableText.of(charset)
                    + "' of the Content-Type is not supported; send UTF-8.");
        }
    }

    private static void requireXmlContentType(String contentType) {
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.endsWith("/xml") && !media.endsWith("+xml")) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID,
                    "Content-Type must be text/xml for SOAP 1.1, got '" + PrintableText.of(contentType) + "'.");
        }
    }
}
