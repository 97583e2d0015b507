package org.qaqpa.contract;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlBytes;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns a rendered request into the bytes sent: signed with the project's {@link XmlSigner} as a
 * step's {@link Signing} says, then changed by its {@code after-signing} replacements (for negative
 * tests of the signature checks). An unsigned request is sent exactly as rendered.
 */
final class RequestSigner {

    /**
     * Limits for the suite's own templates: the same guard as the gateway (no DTD, entity or processing
     * instruction), but room for requests built to exceed the gateway's limits.
     */
    static final XmlLimits TEMPLATE_LIMITS = new XmlLimits(64L * 1024 * 1024, 1_000, 10_000, 1024 * 1024, 1_000_000, 2_000_000);

    private final MemberKeys keys;

    RequestSigner(MemberKeys keys) {
        this.keys = keys;
    }

    /** Parses XML the way templates are checked when a suite is read. */
    static Document parse(String xml) {
        return new SecureDocuments(TEMPLATE_LIMITS).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    byte[] prepare(String rendered, Signing signing, List<Replacement> afterSigning, Path suiteDir) {
        byte[] bytes;
        if (signing.signs()) {
            Document envelope = parse(rendered);
            if (signing.dataKey().isPresent()) {
                signData(envelope, keys.get(signing.dataKey().get(), suiteDir));
            }
            if (signing.transport()) {
                IssuedCertificate key = keys.get(signing.key(), suiteDir);
                new XmlSigner(key.privateKey(), key.certificate()).signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
            }
            bytes = XmlBytes.of(envelope);
        } else {
            bytes = rendered.getBytes(StandardCharsets.UTF_8);
        }
        if (afterSigning.isEmpty()) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (Replacement replacement : afterSigning) {
            text = replacement.apply(text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Each unqualified {@code data} element's element child, signed enveloped as a document of its own (shep-contract.md §2.2). */
    private static void signData(Document envelope, IssuedCertificate key) {
        NodeList all = envelope.getElementsByTagNameNS("*", "data");
        List<Element> dataElements = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element data = (Element) all.item(i);
            if (data.getNamespaceURI() == null) {
                dataElements.add(data);
            }
        }
        for (Element data : dataElements) {
            List<Element> content = SyncMessages.elementChildren(data);
            if (content.isEmpty()) {
                continue;
            }
            Document document = SyncMessages.newDocument();
            document.appendChild(SyncMessages.importWithNamespaces(document, content.get(0)));
            new XmlSigner(key.privateKey(), key.certificate()).signEnveloped(document);
            Node signed = envelope.importNode(document.getDocumentElement(), true);
            data.replaceChild(signed, content.get(0));
        }
    }
}
