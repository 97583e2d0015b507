package org.qaqpa.xml;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.staxutils.StaxUtils;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Document;

/**
 * Parses untrusted XML into DOM through the same guard as the SOAP entry point (no DTD, no
 * entities, no processing instructions, the {@link XmlLimits}), keeping whitespace and comments
 * exactly, as signature verification needs.
 */
public final class SecureDocuments {

    private final SecureXmlInputFactory factory;

    public SecureDocuments(XmlLimits limits) {
        this.factory = new SecureXmlInputFactory(limits);
    }

    /** Reads a whole document; refusals are {@code XML_FORBIDDEN}, {@code LIMIT_EXCEEDED} or {@code MESSAGE_INVALID}. */
    public Document parse(InputStream in) {
        try (InputStream bounded = new BoundedInputStream(in, factory.limits().maxRequestBytes())) {
            return StaxUtils.read(factory.createReader(bounded, null));
        } catch (XMLStreamException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The document is not well-formed XML.", e);
        } catch (IOException e) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The document could not be read.", e);
        }
    }
}
