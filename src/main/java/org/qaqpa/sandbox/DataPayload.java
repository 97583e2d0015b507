package org.qaqpa.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The business payload inside a {@code data} element, taken out as a document of its own in both forms
 * of shep-contract.md §1.4: a typed element ({@code data} holds exactly one element) or an escaped XML
 * string ({@code xsi:type="xs:string"}), parsed with the gateway's hardened parser. The copy reads as
 * the payload did when its sender made (and perhaps signed) it.
 */
final class DataPayload {

    private final SecureDocuments documents = new SecureDocuments(XmlLimits.defaults());

    /** The payload of {@code data}; empty when it holds no single element and no XML string. */
    Optional<Document> read(Element data) {
        if (isString(data)) {
            try {
                return Optional.of(documents.parse(new ByteArrayInputStream(data.getTextContent().getBytes(StandardCharsets.UTF_8))));
            } catch (QaqpaFault notXml) {
                return Optional.empty();
            }
        }
        var elements = SyncMessages.elementChildren(data);
        if (elements.size() != 1) {
            return Optional.empty();
        }
        Document payload = SyncMessages.newDocument();
        Element root = (Element) payload.importNode(elements.get(0), true);
        payload.appendChild(root);
        declareUsedPrefixes(elements.get(0), root);
        return Optional.of(payload);
    }

    /** {@code xsi:type} naming {@code xs:string} (by namespace, whatever the prefix). */
    private static boolean isString(Element data) {
        String type = data.getAttributeNS(SyncMessages.XSI, "type");
        int colon = type.indexOf(':');
        String prefix = colon < 0 ? null : type.substring(0, colon);
        return type.substring(colon + 1).equals("string") && SyncMessages.XS.equals(data.lookupNamespaceURI(prefix));
    }

    /**
     * Prefixes the payload uses on elements and attributes but whose declaration sits above it (on
     * {@code data} or the envelope) are declared on the copy's root, so it reads as it did when signed.
     */
    private static void declareUsedPrefixes(Element original, Element copy) {
        NodeList originals = original.getElementsByTagName("*");
        NodeList copies = copy.getElementsByTagName("*");
        declarePrefixes(original, copy, copy);
        for (int i = 0; i < originals.getLength(); i++) {
            declarePrefixes((Element) originals.item(i), (Element) copies.item(i), copy);
        }
    }

    private static void declarePrefixes(Element original, Element copy, Element root) {
        declare(original, copy, copy.getPrefix(), root);
        NamedNodeMap attributes = copy.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                declare(original, copy, attribute.getPrefix(), root);
            }
        }
    }

    /** Declares {@code prefix} on the root when it is not in scope at {@code copy} (declared within the payload). */
    private static void declare(Element original, Element copy, String prefix, Element root) {
        if (prefix == null || "xml".equals(prefix) || copy.lookupNamespaceURI(prefix) != null) {
            return;
        }
        String uri = original.lookupNamespaceURI(prefix);
        if (uri != null) {
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, uri);
        }
    }
}
