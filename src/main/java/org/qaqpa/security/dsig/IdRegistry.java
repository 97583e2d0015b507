package org.qaqpa.security.dsig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Finds the elements a signature references by ID ({@code wsu:Id}, {@code Id}, {@code ID} and any
 * configured name), registers them with DOM so {@code #id} references resolve, and refuses a
 * referenced value that two elements carry — the duplicate-ID form of signature wrapping
 * ({@code SIGNATURE_COVERAGE}). IDs nobody references are left alone: payloads may repeat them.
 */
final class IdRegistry {

    static final List<QName> DEFAULT_ID_ATTRIBUTES = List.of(
            new QName(XmlNames.WSU, "Id"), new QName("Id"), new QName("ID"));

    private final Map<String, Element> byId = new HashMap<>();
    private final Set<String> referenced;

    /** @param references the signature's Reference URIs; {@code #x} makes {@code x} a referenced ID */
    IdRegistry(Document document, List<QName> idAttributes, List<String> references) {
        this.referenced = references.stream().filter(uri -> uri.startsWith("#")).map(uri -> uri.substring(1))
                .collect(Collectors.toUnmodifiableSet());
        collect(document.getDocumentElement(), idAttributes);
    }

    /** The element whose ID is {@code id}, or null. */
    Element find(String id) {
        return byId.get(id);
    }

    private void collect(Element element, List<QName> idAttributes) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (isId(attr, idAttributes) && referenced.contains(attr.getValue())) {
                Element previous = byId.putIfAbsent(attr.getValue(), element);
                if (previous != null && previous != element) {
                    throw new QaqpaFault(ErrorCode.SIGNATURE_COVERAGE,
                            "The ID '" + PrintableText.of(attr.getValue()) + "' is used by more than one element.");
                }
                element.setIdAttributeNode(attr, true);
            }
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, idAttributes);
            }
        }
    }

    private static boolean isId(Attr attr, List<QName> idAttributes) {
        String ns = attr.getNamespaceURI() == null ? "" : attr.getNamespaceURI();
        String local = attr.getLocalName() == null ? attr.getName() : attr.getLocalName();
        for (QName name : idAttributes) {
            if (name.getNamespaceURI().equals(ns) && name.getLocalPart().equals(local)) {
                return true;
            }
        }
        return false;
    }
}
