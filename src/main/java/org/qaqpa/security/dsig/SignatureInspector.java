package org.qaqpa.security.dsig;

import static org.qaqpa.security.dsig.XmlNames.DS;
import static org.qaqpa.security.dsig.XmlNames.SOAP11;
import static org.qaqpa.security.dsig.XmlNames.WSSE;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.InspectedSignature.Chain;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.xml.SecureDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Finds every signature of a stored document (a message-log envelope) and checks each with the gateway's own
 * {@link XmlSignatureVerifier} and {@link CertificateValidator}, as they would decide now, reporting instead of
 * refusing: the WS-Security transport signature of a SOAP envelope, and each enveloped business signature
 * (shep-contract.md §2.2) wherever it sits, also inside {@code data} sent as escaped XML text (§1.4). An enveloped
 * signature is verified over the element it sits in taken as its own document, as
 * {@code BusinessSignatureProcessor} takes the {@code data} content. Unlike the gateway, a refused certificate does
 * not stop the check: the report says both whether the signature verifies and whether its signer is trusted.
 */
public final class SignatureInspector {

    /** Signatures checked per document at most: each costs digests and a signature check. */
    static final int MAX_SIGNATURES = 8;

    private final XmlSignatureVerifier verifier;
    private final Optional<CertificateValidator> certificates;
    private final SecureDocuments documents;
    private final Clock clock;
    private final DocumentBuilderFactory builders;

    /**
     * @param certificates the gateway's validator; empty when it checks no signature, and then chains are not checked
     * @param documents    parses {@code data} sent as escaped XML
     */
    public SignatureInspector(XmlSignatureVerifier verifier, Optional<CertificateValidator> certificates,
                              SecureDocuments documents, Clock clock) {
        this.verifier = verifier;
        this.certificates = certificates;
        this.documents = documents;
        this.clock = clock;
        this.builders = DocumentBuilderFactory.newInstance();
        this.builders.setNamespaceAware(true);
    }

    /** The signatures of {@code document}, the transport signature first; the document is not changed. */
    public List<InspectedSignature> inspect(Document document) {
        List<InspectedSignature> found = new ArrayList<>();
        collect(document, found, true);
        return found;
    }

    private void collect(Document document, List<InspectedSignature> found, boolean outer) {
        Element root = document.getDocumentElement();
        boolean soap = XmlNames.is(root, SOAP11, "Envelope");
        boolean transport = false;
        Set<Element> signedElements = new LinkedHashSet<>();
        NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            if (!(signature.getParentNode() instanceof Element parent)) {
                continue; // a detached signature document: nothing enveloped to check
            }
            if (XmlNames.is(parent, WSSE, "Security")) {
                if (soap && !transport && found.size() < MAX_SIGNATURES) {
                    transport = true;
                    found.add(check(document, XmlSignatureVerifier.Mode.WSS, signature, "soap:Body",
                            CertificateValidator.Purpose.TRANSPORT));
                }
            } else {
                signedElements.add(parent);
            }
        }
        for (Element signed : signedElements) {
            if (found.size() >= MAX_SIGNATURES) {
                return;
            }
            Element signature = XmlNames.children(signed, DS, "Signature").get(0);
            found.add(check(standalone(signed), XmlSignatureVerifier.Mode.ENVELOPED, signature, signed.getTagName(),
                    CertificateValidator.Purpose.BUSINESS));
        }
        if (outer) {
            escapedData(document).forEach(inner -> collect(inner, found, false));
        }
    }

    /** {@code data} elements holding XML as text (shep-contract.md §1.4), each parsed as its own document. */
    private List<Document> escapedData(Document document) {
        List<Document> inner = new ArrayList<>();
        NodeList data = document.getElementsByTagNameNS("*", "data");
        for (int i = 0; i < data.getLength(); i++) {
            Element element = (Element) data.item(i);
            String text = element.getTextContent().strip();
            if (!XmlNames.elementChildren(element).isEmpty() || !text.startsWith("<") || !text.contains(":Signature")
                    && !text.contains("<Signature")) {
                continue;
            }
            try {
                inner.add(documents.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
            } catch (QaqpaFault notXml) {
                // text that only looks like XML: no signature to show
            }
        }
        return inner;
    }

    private InspectedSignature check(Document document, XmlSignatureVerifier.Mode mode, Element signature, String covers,
                                     CertificateValidator.Purpose purpose) {
        X509Certificate[] signer = new X509Certificate[1];
        Chain[] chain = {Chain.notChecked("the signature was refused before its certificate was read")};
        String algorithm = algorithm(signature);
        try {
            VerifiedSignature verified = verifier.verify(document, mode, (certificate, presented) -> {
                signer[0] = certificate;
                chain[0] = chain(certificate, presented, purpose);
            });
            return new InspectedSignature(mode, covers, algorithm, Optional.empty(), Optional.of(verified.signer()), chain[0],
                    verified.references());
        } catch (QaqpaFault refused) {
            return new InspectedSignature(mode, covers, algorithm, Optional.of(refused), Optional.ofNullable(signer[0]),
                    chain[0], List.of());
        }
    }

    private Chain chain(X509Certificate certificate, List<X509Certificate> presented, CertificateValidator.Purpose purpose) {
        if (certificates.isEmpty()) {
            return Chain.notChecked("this gateway checks no signature (security.require-signature: false)");
        }
        try {
            certificates.get().validate(certificate, presented, clock.instant(), purpose);
            return Chain.trusted();
        } catch (QaqpaFault refused) {
            return Chain.refused(refused);
        }
    }

    private static String algorithm(Element signature) {
        Element signedInfo = XmlNames.child(signature, DS, "SignedInfo");
        Element method = signedInfo == null ? null : XmlNames.child(signedInfo, DS, "SignatureMethod");
        return method == null ? "" : method.getAttribute("Algorithm");
    }

    /** {@code element} as the document it was signed as; a document element is taken as it is. */
    private Document standalone(Element element) {
        Document owner = element.getOwnerDocument();
        if (owner.getDocumentElement() == element) {
            return owner;
        }
        try {
            Document document = builders.newDocumentBuilder().newDocument();
            document.appendChild(document.importNode(element, true));
            return document;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM builder", e);
        }
    }
}
