package org.qaqpa.xml;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The SHEP contract schemas (our {@code xsd/}), compiled once; checks an operation element against
 * them. The payload inside {@code data} belongs to the provider's schema, not the contract, so it
 * is left out of the check: the element is validated with every {@code data} emptied.
 */
public final class ContractSchema {

    private static final String XMLNS_NS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
    private static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    /** Unqualified parents whose unqualified {@code data} child holds a provider payload. */
    private static final Set<String> PAYLOAD_PARENTS = Set.of("requestData", "responseData", "messageData");

    /** Validator messages name the rule and the offending value; enough to fix a request, short enough for a fault. */
    private static final int MAX_MESSAGE = 300;
    private static final String XERCES_LOCALE = "http://apache.org/xml/properties/locale";

    private final Schema schema;
    /** DocumentBuilders are not thread-safe; requests are validated on many threads at once. */
    private final ThreadLocal<DocumentBuilder> documents = ThreadLocal.withInitial(ContractSchema::newDocumentBuilder);
    /**
     * Validators are not thread-safe either, and building one per request cost 2.5 % of the gateway's CPU in a
     * {@code qaqpa bench async} profile; one per thread, dropped after a refusal so that no state of a failed
     * validation carries over.
     */
    private final ThreadLocal<Validator> validators = ThreadLocal.withInitial(this::newValidator);

    private ContractSchema(Schema schema) {
        this.schema = schema;
    }

    /** Compiles the given schema resources (classpath paths such as {@code xsd/SyncChannel/v10/Types.xsd}). */
    public static ContractSchema load(List<String> resources) {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // Our own schemas import each other by relative path, inside the jar or the build directory.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            List<Source> sources = new ArrayList<>();
            for (String resource : resources) {
                URL url = ContractSchema.class.getClassLoader().getResource(resource);
                if (url == null) {
                    throw new IllegalStateException("contract schema missing from the classpath: " + resource);
                }
                sources.add(new StreamSource(url.toExternalForm()));
            }
            return new ContractSchema(factory.newSchema(sources.toArray(Source[]::new)));
        } catch (SAXException e) {
            throw new IllegalStateException("contract schemas do not compile: " + e.getMessage(), e);
        }
    }

    /** Refuses with {@code MESSAGE_INVALID} unless the operation element is valid against the contract. */
    public void validate(Element operation) {
        try {
            validators.get().validate(new DOMSource(withoutPayload(operation)));
        } catch (SAXParseException e) {
            validators.remove();
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request does not match the contract schema: "
                    + PrintableText.of(e.getMessage(), MAX_MESSAGE));
        } catch (SAXException | java.io.IOException e) {
            validators.remove();
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The request does not match the contract schema.", e);
        }
    }

    private Validator newValidator() {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema validator cannot be locked down: " + e.getMessage(), e);
        }
        englishMessages(validator);
        return validator;
    }

    /** Same message whatever the server's locale, so integrators and tests see one text. */
    private static void englishMessages(Validator validator) {
        try {
            validator.setProperty(XERCES_LOCALE, Locale.ENGLISH);
        } catch (SAXException e) {
            // A validator without the Xerces locale property writes in the default locale; still correct.
        }
    }

    private Element withoutPayload(Element operation) {
        Document copy = documents.get().newDocument();
        Element root = copyElement(operation, copy);
        declareInheritedNamespaces(operation, root);
        copy.appendChild(root);
        return root;
    }

    private static Element copyElement(Element source, Document target) {
        Element copy = (Element) target.importNode(source, false);
        boolean payloadParent = source.getNamespaceURI() == null && PAYLOAD_PARENTS.contains(source.getLocalName());
        for (Node child = source.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                copy.appendChild(payloadParent && isData(element)
                        ? emptyData(element, target) : copyElement(element, target));
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                copy.appendChild(target.importNode(child, false));
            }
        }
        return copy;
    }

    private static boolean isData(Element element) {
        return element.getNamespaceURI() == null && "data".equals(element.getLocalName());
    }

    /** The {@code data} element without its content and without {@code xsi:type}, which names provider types. */
    private static Element emptyData(Element data, Document target) {
        Element copy = (Element) target.importNode(data, false);
        copy.removeAttributeNS(XSI_NS, "type");
        return copy;
    }

    /** Namespace declarations made on ancestors (Envelope, Body) stay in scope for QName-valued content. */
    private static void declareInheritedNamespaces(Element source, Element copy) {
        for (Node n = source.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
            NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attr = (Attr) attributes.item(i);
                if (XMLNS_NS.equals(attr.getNamespaceURI()) && !copy.hasAttributeNS(XMLNS_NS, attr.getLocalName())) {
                    copy.setAttributeNS(XMLNS_NS, attr.getName(), attr.getValue());
                }
            }
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
