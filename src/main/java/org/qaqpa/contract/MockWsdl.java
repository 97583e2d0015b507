package org.qaqpa.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.xml.SecureDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a mock needs of a WSDL 1.1: its operations, each with the element its request's Body holds, and
 * every local file it is made of (the WSDL, those it {@code wsdl:import}s, the schemas they import or
 * include, to any depth), so that the mock can serve them to clients. Each file is read with the
 * gateway's XML guard (no DTD); only relative, local locations are followed.
 */
record MockWsdl(Path file, List<Operation> operations, Set<Path> documents) {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";

    /** An operation of a portType: its name, its request's and answer's elements. */
    record Operation(String name, QName input, QName output) {
    }

    /** @throws IllegalArgumentException naming the file when a document is missing, refused or not a WSDL */
    static MockWsdl read(Path file) {
        Path main = file.toAbsolutePath().normalize();
        Set<Path> documents = new LinkedHashSet<>();
        Map<QName, QName> messageElements = new LinkedHashMap<>();
        List<Element> portTypes = new ArrayList<>();
        visit(main, documents, messageElements, portTypes);
        List<Operation> operations = new ArrayList<>();
        for (Element portType : portTypes) {
            for (Element operation : children(portType, WSDL, "operation")) {
                operations.add(new Operation(operation.getAttribute("name"),
                        element(operation, "input", messageElements), element(operation, "output", messageElements)));
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException(main + ": the WSDL (with its imports) defines no portType operation");
        }
        return new MockWsdl(main, List.copyOf(operations), Set.copyOf(documents));
    }

    /** The operation whose request element is {@code element}, if any. */
    java.util.Optional<Operation> operationFor(QName element) {
        return operations.stream().filter(o -> element.equals(o.input())).findFirst();
    }

    private static void visit(Path path, Set<Path> documents, Map<QName, QName> messageElements, List<Element> portTypes) {
        if (!documents.add(path)) {
            return;
        }
        Element root = parse(path).getDocumentElement();
        boolean wsdl = WSDL.equals(root.getNamespaceURI()) && "definitions".equals(root.getLocalName());
        boolean schema = XSD.equals(root.getNamespaceURI()) && "schema".equals(root.getLocalName());
        if (!wsdl && !schema) {
            throw new IllegalArgumentException(path + ": neither a WSDL 1.1 definitions nor an XML Schema");
        }
        if (wsdl) {
            String targetNamespace = root.getAttribute("targetNamespace");
            for (Element imported : children(root, WSDL, "import")) {
                visit(resolve(path, imported.getAttribute("location")), documents, messageElements, portTypes);
            }
            for (Element types : children(root, WSDL, "types")) {
                for (Element inline : children(types, XSD, "schema")) {
                    followSchemaImports(path, inline, documents, messageElements, portTypes);
                }
            }
            for (Element message : children(root, WSDL, "message")) {
                for (Element part : children(message, WSDL, "part")) {
                    if (part.hasAttribute("element")) {
                        messageElements.put(new QName(targetNamespace, message.getAttribute("name")), qname(part, part.getAttribute("element")));
                    }
                }
            }
            portTypes.addAll(children(root, WSDL, "portType"));
        } else {
            followSchemaImports(path, root, documents, messageElements, portTypes);
        }
    }

    private static void followSchemaImports(Path path, Element schema, Set<Path> documents, Map<QName, QName> messageElements,
                                            List<Element> portTypes) {
        for (String kind : List.of("import", "include")) {
            for (Element imported : children(schema, XSD, kind)) {
                if (imported.hasAttribute("schemaLocation")) {
                    visit(resolve(path, imported.getAttribute("schemaLocation")), documents, messageElements, portTypes);
                }
            }
        }
    }

    private static QName element(Element operation, String direction, Map<QName, QName> messageElements) {
        List<Element> io = children(operation, WSDL, direction);
        if (io.isEmpty()) {
            return null;
        }
        QName message = qname(io.get(0), io.get(0).getAttribute("message"));
        QName element = messageElements.get(message);
        if (element == null) {
            throw new IllegalArgumentException("operation '" + operation.getAttribute("name") + "': message " + message
                    + " is not defined (with a part element) in the WSDL or its imports");
        }
        return element;
    }

    private static QName qname(Element context, String prefixed) {
        int colon = prefixed.indexOf(':');
        String prefix = colon < 0 ? null : prefixed.substring(0, colon);
        String namespace = context.lookupNamespaceURI(prefix);
        return new QName(namespace == null ? "" : namespace, prefixed.substring(colon + 1));
    }

    private static Path resolve(Path from, String location) {
        if (location.isEmpty() || location.contains(":")) {
            throw new IllegalArgumentException(from + ": only relative local imports are followed, not '" + location + "'");
        }
        return from.getParent().resolve(location).normalize();
    }

    private static Document parse(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + ": not found");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new SecureDocuments(RequestSigner.TEMPLATE_LIMITS).parse(in);
        } catch (QaqpaFault e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        return SyncMessages.elementChildren(parent).stream()
                .filter(e -> namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())).toList();
    }
}
