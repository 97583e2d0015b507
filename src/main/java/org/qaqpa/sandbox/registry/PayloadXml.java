package org.qaqpa.sandbox.registry;

import javax.xml.XMLConstants;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM building blocks of registry payloads: elements qualified in their root's namespace, reference-list values. */
final class PayloadXml {

    /** The element names of a {@link Term}: {@code code, nameRu, nameKz} (ГБД ФЛ, tax) or capitalised (ГБД ЮЛ). */
    record TermNames(String code, String nameRu, String nameKz) {
        static final TermNames LOWER = new TermNames("code", "nameRu", "nameKz");
        static final TermNames CAPITALISED = new TermNames("Code", "NameRu", "NameKz");
    }

    private static final int MAX_QUOTED = 40;

    private PayloadXml() {
    }

    /** The root element {@code name} of a new document, in {@code namespace} declared as the default namespace. */
    static Element newRoot(String namespace, String name) {
        var document = SyncMessages.newDocument();
        Element root = document.createElementNS(namespace, name);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", namespace);
        document.appendChild(root);
        return root;
    }

    /** Appends {@code name} in the parent's namespace, with {@code text} when not null. */
    static Element append(Element parent, String name, String text) {
        Element element = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), name);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    static Element appendTerm(Element parent, String name, Term term, TermNames names) {
        Element element = append(parent, name, null);
        append(element, names.code(), term.code());
        append(element, names.nameRu(), term.nameRu());
        append(element, names.nameKz(), term.nameKz());
        return element;
    }

    /** The trimmed text of the first child {@code name} in the parent's namespace, or null. */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())
                    && java.util.Objects.equals(parent.getNamespaceURI(), e.getNamespaceURI())) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    /** At most 40 characters of a refused value, for a fault message. */
    static String shorten(String value) {
        return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    }
}
