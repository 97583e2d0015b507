package org.qaqpa.sandbox.registry;

import java.io.IOException;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The XML schema of one registry's payloads ({@code xsd/sandbox/*.xsd} on the class path) and the check
 * of a request against it: the right root element, the number asked about well formed, then the
 * whole schema, so that each problem is refused with the code that names it best.
 */
public final class PayloadSchema {

    private final Schema schema;
    private final String namespace;

    private PayloadSchema(Schema schema, String namespace) {
        this.schema = schema;
        this.namespace = namespace;
    }

    /**
     * The schema in the class-path resource {@code resource}, whose elements are in {@code namespace}.
     *
     * @throws IllegalStateException if it is missing or not a schema (a build defect)
     */
    public static PayloadSchema of(String resource, String namespace) {
        URL url = PayloadSchema.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("no schema " + resource + " on the class path");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return new PayloadSchema(factory.newSchema(url), namespace);
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + resource + " does not load: " + e.getMessage(), e);
        }
    }

    /** The payloads' namespace. */
    public String namespace() {
        return namespace;
    }

    /**
     * The root of {@code request}, checked in this order: it is {@code rootName} in the schema's
     * namespace ({@link RegistryRefusal#REQUEST_INVALID}), its child {@code numberElement} is twelve
     * digits ({@code numberRefusal}), the whole payload is valid ({@code REQUEST_INVALID}).
     */
    public Element checkRequest(Document request, String rootName, String numberElement, String numberRefusal) {
        Element root = request.getDocumentElement();
        if (!namespace.equals(root.getNamespaceURI()) || !rootName.equals(root.getLocalName())) {
            throw new RegistryRefusal(RegistryRefusal.REQUEST_INVALID, "The data holds {" + root.getNamespaceURI() + "}"
                    + root.getLocalName() + ", expected {" + namespace + "}" + rootName + ".");
        }
        String number = PayloadXml.text(root, numberElement);
        if (number != null && !IdentificationNumber.isWellFormed(number)) {
            throw new RegistryRefusal(numberRefusal, numberElement + " '" + PayloadXml.shorten(number) + "' is not 12 digits.");
        }
        validate(request);
        return root;
    }

    /** @throws RegistryRefusal {@code REQUEST_INVALID} naming the first problem, if {@code payload} is not valid */
    public void validate(Document payload) {
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(payload));
        } catch (SAXException e) {
            throw new RegistryRefusal(RegistryRefusal.REQUEST_INVALID, "The payload is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("validating a DOM read nothing: " + e.getMessage(), e);
        }
    }
}
