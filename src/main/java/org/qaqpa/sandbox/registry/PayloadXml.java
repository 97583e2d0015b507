package org.qaqpa.sandbox.registry;

import java.util.Objects;
import javax.xml.XMLConstants;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM building blocks of registry payloads: elements qualified in their root's namespace, reference-list values. */
final class PayloadXml {

    /** How a registry's element names are written: {@code regAddress} (ГБД ФЛ, tax) or {@code RegAddress} (ГБД ЮЛ). */
    enum Naming {
        CAMEL, PASCAL;

        /** {@code camelName} written this way. */
        String of(String camelName) {
            return this == CAMEL ? camelName : Character.toUpperCase(camelName.charAt(0)) + camelName.substring(1);
        }
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

    /** A reference-list value: {@code code}, {@code nameRu}, {@code nameKz} in {@code naming}. */
    static Element appendTerm(Element parent, String name, Term term, Naming naming) {
        Element element = append(parent, name, null);
        append(element, naming.of("code"), term.code());
        append(element, naming.of("nameRu"), term.nameRu());
        append(element, naming.of("nameKz"), term.nameKz());
        return element;
    }

    /** An address: {@code region}, {@code city}, {@code street}, {@code building}, {@code flat} (when there is one) in {@code naming}. */
    static Element appendAddress(Element parent, String name, Address address, Naming naming) {
        Element element = append(parent, name, null);
        append(element, naming.of("region"), address.region());
        append(element, naming.of("city"), address.city());
        append(element, naming.of("street"), address.street());
        append(element, naming.of("building"), address.building());
        address.flat().ifPresent(flat -> append(element, naming.of("flat"), flat));
        return element;
    }

    /** The trimmed text of the first child {@code name} in the parent's namespace, or null. */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())
                    && Objects.equals(parent.getNamespaceURI(), e.getNamespaceURI())) {
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
