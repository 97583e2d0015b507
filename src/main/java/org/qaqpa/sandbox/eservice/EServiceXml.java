package org.qaqpa.sandbox.eservice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qaqpa.sandbox.SyncMessages;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The e-service payloads in {@code data} (namespace {@value #NS}, docs/services.md): the {@code application} a front
 * end sends, the {@code status} the provider system answers with, and the {@code document}, the result, that the
 * authorised officer signs. Each signed part is built as a document of its own, so that its enveloped signature
 * covers exactly it.
 */
public final class EServiceXml {

    public static final String NS = "urn:qaqpa:eservice:v1";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private EServiceXml() {
    }

    /** An unsigned {@code application} document. */
    public static Document application(Application.Form form) {
        Document document = SyncMessages.newDocument();
        Element root = document.createElementNS(NS, "application");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", NS);
        root.setAttribute("service", form.service());
        root.setAttribute("channel", form.channel());
        document.appendChild(root);
        Element applicant = append(root, "applicant", null);
        form.iin().ifPresent(iin -> append(applicant, "iin", iin));
        form.bin().ifPresent(bin -> append(applicant, "bin", bin));
        form.fields().forEach((name, value) -> append(root, "field", value).setAttribute("name", name));
        form.attachments().forEach(name -> append(root, "attachment", null).setAttribute("name", name));
        return document;
    }

    /** The form an {@code application} element carries. */
    public static Application.Form form(Element application) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> attachments = new ArrayList<>();
        for (Element child : SyncMessages.elementChildren(application)) {
            if (NS.equals(child.getNamespaceURI()) && "field".equals(child.getLocalName())) {
                fields.put(child.getAttribute("name"), child.getTextContent());
            } else if (NS.equals(child.getNamespaceURI()) && "attachment".equals(child.getLocalName())) {
                attachments.add(child.getAttribute("name"));
            }
        }
        Element applicant = child(application, "applicant");
        return new Application.Form(application.getAttribute("service"), application.getAttribute("channel"),
                text(applicant, "iin"), text(applicant, "bin"), fields, attachments);
    }

    /** An unsigned result {@code document}: its unique number, dates, title and fields. */
    public static Document document(String service, String number, LocalDate issued, Optional<LocalDate> validUntil,
                                    String title, Map<String, String> fields) {
        Document document = SyncMessages.newDocument();
        Element root = document.createElementNS(NS, "document");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", NS);
        root.setAttribute("service", service);
        root.setAttribute("number", number);
        root.setAttribute("issued", issued.toString());
        validUntil.ifPresent(until -> root.setAttribute("validUntil", until.toString()));
        document.appendChild(root);
        append(root, "title", title);
        fields.forEach((name, value) -> append(root, "field", value).setAttribute("name", name));
        return document;
    }

    /**
     * A {@code status} element (in a document of its own): the application's number and state, since when, and the
     * refusal reason or the signed result document.
     */
    public static Element status(String service, String applicationNumber, String state, Instant date,
                                 Optional<Application.Refusal> reason, Optional<Document> signedDocument) {
        Document document = SyncMessages.newDocument();
        Element root = document.createElementNS(NS, "status");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", NS);
        root.setAttribute("service", service);
        document.appendChild(root);
        append(root, "applicationNumber", applicationNumber);
        append(root, "state", state);
        append(root, "date", date.toString());
        reason.ifPresent(r -> append(root, "reason", r.text()).setAttribute("code", r.code()));
        signedDocument.ifPresent(signed -> root.appendChild(SyncMessages.importWithNamespaces(document, signed.getDocumentElement())));
        return root;
    }

    /**
     * A signed part ({@code application}, {@code document}) taken out of where it travelled, as it was signed: a
     * document of its own whose root declares only the namespace {@value #NS}: the serialisers on the way may have
     * copied declarations of the envelope onto it, which the signature's inclusive canonicalisation would take in.
     */
    public static Document standalone(Element signedPart) {
        Document document = SyncMessages.newDocument();
        Element root = (Element) document.importNode(signedPart, true);
        for (int i = root.getAttributes().getLength() - 1; i >= 0; i--) {
            org.w3c.dom.Node attribute = root.getAttributes().item(i);
            if (XMLNS.equals(attribute.getNamespaceURI())) {
                root.removeAttributeNode((org.w3c.dom.Attr) attribute);
            }
        }
        root.setAttributeNS(XMLNS, "xmlns", NS);
        document.appendChild(root);
        return document;
    }

    /** The first child element {@code localName} in {@value #NS}, or null. */
    public static Element child(Element parent, String localName) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The text of the child {@code localName}, if there is one. */
    public static Optional<String> text(Element parent, String localName) {
        return Optional.ofNullable(child(parent, localName)).map(e -> e.getTextContent().strip());
    }

    private static Element append(Element parent, String localName, String text) {
        Element element = parent.getOwnerDocument().createElementNS(NS, localName);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }
}
