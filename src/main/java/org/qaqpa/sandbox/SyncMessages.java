package org.qaqpa.sandbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.qaqpa.xml.ScopedImport;
import org.qaqpa.xml.XmlBytes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * DOM building blocks of sync-channel messages (shep-contract.md §1.1): the SOAP 1.1 envelope, the
 * {@code SyncChannel/v10/Types} elements and their unqualified local elements, dates as the schema's
 * {@code xsd:dateTime}, and the serialisation that leaves signed content as it is. Shared by the
 * sandbox providers and {@code qaqpa send}, which build the two ends of the same exchange.
 */
public final class SyncMessages {

    public static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SYNC_TYPES = "http://bip.bee.kz/SyncChannel/v10/Types";
    public static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    public static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    /** Always with seconds and milliseconds: {@link OffsetDateTime#toString()} drops zero seconds, which xsd:dateTime refuses. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /**
     * One builder per thread from one factory: a factory lookup per message is a service-loader scan of
     * the class path (12 % of the delivery's CPU in a `qaqpa bench async` profile), and a builder is not
     * thread-safe.
     */
    private static final DocumentBuilderFactory FACTORY = namespaceAware();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SyncMessages::newBuilder);

    private SyncMessages() {
    }

    /** A new empty namespace-aware document. */
    public static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /** A new namespace-aware document with an empty {@code soapenv:Envelope/soapenv:Body}; returns the Body. */
    public static Element newEnvelope() {
        Document document = newDocument();
        Element envelope = document.createElementNS(SOAP, "soapenv:Envelope");
        envelope.setAttributeNS(XMLNS, "xmlns:soapenv", SOAP);
        document.appendChild(envelope);
        Element body = document.createElementNS(SOAP, "soapenv:Body");
        envelope.appendChild(body);
        return body;
    }

    private static DocumentBuilderFactory namespaceAware() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory;
    }

    private static DocumentBuilder newBuilder() {
        try {
            synchronized (FACTORY) {
                return FACTORY.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM implementation", e);
        }
    }

    /** Appends the {@code SyncChannel/v10/Types} element {@code localName} (prefix {@code ns2}, as SHEP writes it). */
    public static Element appendTypesElement(Element parent, String localName) {
        Element element = parent.getOwnerDocument().createElementNS(SYNC_TYPES, "ns2:" + localName);
        element.setAttributeNS(XMLNS, "xmlns:ns2", SYNC_TYPES);
        parent.appendChild(element);
        return element;
    }

    /** Appends an unqualified local element, with {@code text} when not null. */
    public static Element append(Element parent, String localName, String text) {
        Element element = parent.getOwnerDocument().createElementNS(null, localName);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }

    /** The first unqualified child element {@code localName}, or null. */
    public static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The text of the unqualified path below {@code parent}, e.g. {@code text(request, "requestInfo", "messageId")}, or null. */
    public static String text(Element parent, String... path) {
        Element current = parent;
        for (String step : path) {
            current = child(current, step);
        }
        return current == null ? null : current.getTextContent();
    }

    /** The SOAP Body's first element child, or null. */
    public static Element bodyContent(Document envelope) {
        Element root = envelope.getDocumentElement();
        if (root == null || !SOAP.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            return null;
        }
        for (Element child : elementChildren(root)) {
            if (SOAP.equals(child.getNamespaceURI()) && "Body".equals(child.getLocalName())) {
                List<Element> content = elementChildren(child);
                return content.isEmpty() ? null : content.get(0);
            }
        }
        return null;
    }

    public static List<Element> elementChildren(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    /** A deep copy of {@code element} for {@code target}'s document that means the same there ({@link ScopedImport}). */
    public static Element importWithNamespaces(Document target, Element element) {
        return ScopedImport.of(target, element);
    }

    /** Now, as {@code xsd:dateTime} with milliseconds and the clock's offset. */
    public static String now(Clock clock) {
        return DATE_TIME.format(OffsetDateTime.now(clock));
    }

    /** UTF-8 bytes of the document exactly as the DOM holds it: no indentation, which would change signed content. */
    public static byte[] serialize(Node node) {
        return XmlBytes.of(node);
    }
}
