package org.qaqpa.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/**
 * Creates StAX readers for untrusted input: Woodstox with DTDs and external entities off, a
 * resolver that refuses everything, and a {@link GuardedXmlStreamReader} on top.
 */
public final class SecureXmlInputFactory {

    private static final XMLResolver REFUSE_ALL = (publicId, systemId, baseUri, namespace) -> {
        throw new QaqpaFault(ErrorCode.XML_FORBIDDEN, "External resources are not allowed.");
    };

    private final XMLInputFactory factory;
    private final XmlLimits limits;

    public SecureXmlInputFactory(XmlLimits limits) {
        this.limits = limits;
        WstxInputFactory wstx = new WstxInputFactory();
        wstx.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        wstx.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        wstx.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        wstx.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        wstx.setProperty(XMLInputFactory.IS_COALESCING, false);
        wstx.setXMLResolver(REFUSE_ALL);
        wstx.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSE_ALL);
        wstx.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSE_ALL);
        // Woodstox's own limits as a second line behind GuardedXmlStreamReader's exact ones.
        wstx.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, oneMore(limits.maxDepth()));
        wstx.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, oneMore(limits.maxAttributes()));
        wstx.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, oneMore(limits.maxChildren()));
        wstx.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, oneMore(limits.maxAttributeSize()));
        this.factory = wstx;
    }

    private static int oneMore(int limit) {
        return limit == Integer.MAX_VALUE ? limit : limit + 1;
    }

    public XmlLimits limits() {
        return limits;
    }

    /** A guarded reader over the stream; {@code encoding} may be null to let the parser detect it. */
    public XMLStreamReader createReader(InputStream in, String encoding) throws XMLStreamException {
        XMLStreamReader reader = encoding == null
                ? factory.createXMLStreamReader(in)
                : factory.createXMLStreamReader(in, encoding);
        return new GuardedXmlStreamReader(reader, limits);
    }
}
