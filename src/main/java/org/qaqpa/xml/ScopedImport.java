package org.qaqpa.xml;

import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Copies an element into another document so that it means the same there: prefixed namespace
 * declarations in scope at the original (declared on its ancestors) are declared on the copy, since
 * {@code xsi:type="xs:string"} names a prefix in an attribute value, which no serialiser fixes up.
 */
public final class ScopedImport {

    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private ScopedImport() {
    }

    /** A deep copy of {@code element} for {@code target}, not yet attached anywhere. */
    public static Element of(Document target, Element element) {
        Element copy = (Element) target.importNode(element, true);
        for (Node n = element.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
            NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                boolean prefixed = XMLNS.equals(attribute.getNamespaceURI()) && "xmlns".equals(attribute.getPrefix());
                if (prefixed && !copy.hasAttributeNS(XMLNS, attribute.getLocalName())) {
                    copy.setAttributeNS(XMLNS, "xmlns:" + attribute.getLocalName(), attribute.getValue());
                }
            }
        }
        return copy;
    }
}
