package org.qaqpa.xml;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Serialises a DOM subtree as the JDK's identity transformer does, without its per-call set-up: element
 * and attribute names as they are, attributes in DOM order, the namespace declarations the DOM holds plus
 * those its namespaced nodes need and lack (a node made with {@code createElementNS} carries no {@code xmlns}
 * attribute), and the escapes that keep parsed content equal to the DOM — {@code &#13;} for carriage returns,
 * {@code &#9;}, {@code &#10;} and {@code &#13;} in attribute values — since the bytes carry signatures computed
 * over the parsed form. CDATA sections, comments and processing instructions are kept.
 *
 * <p>Why not the transformer: on the signed sync path it cost 8 % of the request threads' CPU (JFR,
 * docs/benchmarks.md "Where the sync time goes"), most of it output-handler set-up per message.
 */
final class DomWriter {

    private final Writer out;
    /** In-scope bindings, prefix ("" for the default namespace) to URI; one frame per open element. */
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private int generatedPrefixes;

    DomWriter(Writer out) {
        this.out = out;
    }

    /** Writes {@code node} and its descendants; a document's children in order (its document type is left out). */
    void write(Node node) throws IOException {
        switch (node.getNodeType()) {
            case Node.DOCUMENT_NODE, Node.DOCUMENT_FRAGMENT_NODE -> {
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    write(child);
                }
            }
            case Node.ELEMENT_NODE -> element((Element) node);
            case Node.TEXT_NODE -> text(node.getNodeValue());
            case Node.CDATA_SECTION_NODE -> cdata(node.getNodeValue());
            case Node.COMMENT_NODE -> out.append("<!--").append(node.getNodeValue()).append("-->");
            case Node.PROCESSING_INSTRUCTION_NODE -> {
                out.append("<?").append(node.getNodeName());
                String data = node.getNodeValue();
                if (data != null && !data.isEmpty()) {
                    out.append(' ').append(data);
                }
                out.append("?>");
            }
            case Node.ENTITY_REFERENCE_NODE -> {
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    write(child);
                }
            }
            default -> {
                // document types, entities and notations: not serialised (the hardened parser refuses DTDs)
            }
        }
    }

    private void element(Element element) throws IOException {
        Map<String, String> declared = new HashMap<>(4);
        NamedNodeMap attributes = element.getAttributes();
        boolean undeclaresNothing = false;
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                String prefix = XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getPrefix()) ? attribute.getLocalName() : "";
                // xmlns="" where no default namespace is in scope says nothing; the transformer left it out too
                undeclaresNothing |= prefix.isEmpty() && attribute.getValue().isEmpty() && inScope("").isEmpty();
                declared.put(prefix, attribute.getValue());
            }
        }
        scopes.push(declared);
        String name = element.getNodeName();
        out.append('<').append(name);
        boolean namespaceAware = element.getLocalName() != null;
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String namespace = attribute.getNamespaceURI();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
                if (undeclaresNothing && XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getNodeName())) {
                    continue;
                }
            } else if (namespaceAware && namespace != null && !XMLConstants.XML_NS_URI.equals(namespace)) {
                if (attribute.getPrefix() == null) {
                    attribute.setPrefix("ns" + generatedPrefixes++);
                }
                bind(attribute.getPrefix(), namespace, declared);
            }
            attribute(attribute.getNodeName(), attribute.getValue());
        }
        if (namespaceAware) {
            bind(prefixOf(element.getPrefix()), nullToEmpty(element.getNamespaceURI()), declared);
        }
        Node child = element.getFirstChild();
        if (child == null) {
            out.append("/>");
        } else {
            out.append('>');
            for (; child != null; child = child.getNextSibling()) {
                write(child);
            }
            out.append("</").append(name).append('>');
        }
        scopes.pop();
    }

    /** Declares {@code prefix} as {@code namespace} on the element being written unless it is bound so already. */
    private void bind(String prefix, String namespace, Map<String, String> declared) throws IOException {
        if (namespace.equals(inScope(prefix))) {
            return;
        }
        attribute(prefix.isEmpty() ? XMLConstants.XMLNS_ATTRIBUTE : XMLConstants.XMLNS_ATTRIBUTE + ":" + prefix, namespace);
        declared.put(prefix, namespace);
    }

    private String inScope(String prefix) {
        for (Map<String, String> scope : scopes) {
            String namespace = scope.get(prefix);
            if (namespace != null) {
                return namespace;
            }
        }
        // unbound: the default namespace is "no namespace"; a prefix is not bound at all
        return prefix.isEmpty() ? "" : null;
    }

    private void attribute(String name, String value) throws IOException {
        out.append(' ').append(name).append("=\"");
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            String escape = switch (value.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\t' -> "&#9;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                default -> null;
            };
            if (escape != null) {
                out.append(value, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(value, start, value.length()).append('"');
    }

    private void text(String text) throws IOException {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '\r' -> "&#13;";
                default -> Character.isHighSurrogate(c) && i + 1 < text.length()
                        ? "&#" + text.codePointAt(i++) + ";" // as the transformer wrote it
                        : null;
            };
            if (escape != null) {
                out.append(text, start, c == text.charAt(i) ? i : i - 1).append(escape);
                start = i + 1;
            }
        }
        out.append(text, start, text.length());
    }

    /** A CDATA section; one holding {@code ]]>} is split so that the parsed text stays the same. */
    private void cdata(String text) throws IOException {
        out.append("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
    }

    private static String prefixOf(String prefix) {
        return prefix == null ? "" : prefix;
    }

    private static String nullToEmpty(String namespace) {
        return namespace == null ? "" : namespace;
    }
}
