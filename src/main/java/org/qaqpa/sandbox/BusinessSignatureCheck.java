package org.qaqpa.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.ValidatedSigner;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Verifies the enveloped business signature inside {@code data} (shep-contract.md §2.2) in both
 * payload forms of §1.4 — a typed element, or an escaped XML string with {@code xsi:type="xs:string"} —
 * and says in one line what it found, for the answer's {@code status/message}. The payload is taken
 * out as a document of its own, as it was when signed ({@code URI=""} means the whole of it).
 */
final class BusinessSignatureCheck {

    /** StatusInfo/message is at most 250 characters. */
    private static final int MAX_MESSAGE = 250;
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private final XmlSignatureVerifier verifier;
    private final CertificateValidator validator;
    private final Clock clock;
    private final SecureDocuments documents = new SecureDocuments(XmlLimits.defaults());

    BusinessSignatureCheck(XmlSignatureVerifier verifier, CertificateValidator validator, Clock clock) {
        this.verifier = verifier;
        this.validator = validator;
        this.clock = clock;
    }

    /** {@code business signature valid: IIN…}, {@code business signature invalid: CODE: …} or {@code no business signature}. */
    String describe(Optional<Element> data) {
        Optional<Document> payload = data.flatMap(this::payloadOf);
        if (payload.isEmpty() || payload.get().getElementsByTagNameNS(DS, "Signature").getLength() == 0) {
            return "no business signature";
        }
        try {
            ValidatedSigner[] signer = new ValidatedSigner[1];
            verifier.verify(payload.get(), XmlSignatureVerifier.Mode.ENVELOPED, (certificate, presented) ->
                    signer[0] = validator.validate(certificate, presented, clock.instant(), CertificateValidator.Purpose.BUSINESS));
            return "business signature valid: " + who(signer[0].subject());
        } catch (QaqpaFault f) {
            return cut("business signature invalid: " + f.code() + ": " + f.getMessage());
        }
    }

    private Optional<Document> payloadOf(Element data) {
        if (isString(data)) {
            try {
                return Optional.of(documents.parse(new ByteArrayInputStream(data.getTextContent().getBytes(StandardCharsets.UTF_8))));
            } catch (QaqpaFault notXml) {
                return Optional.empty();
            }
        }
        var elements = SyncMessages.elementChildren(data);
        if (elements.size() != 1) {
            return Optional.empty();
        }
        Document payload = SyncMessages.newDocument();
        Element root = (Element) payload.importNode(elements.get(0), true);
        payload.appendChild(root);
        declareUsedPrefixes(elements.get(0), root);
        return Optional.of(payload);
    }

    /** {@code xsi:type} naming {@code xs:string} (by namespace, whatever the prefix). */
    private static boolean isString(Element data) {
        String type = data.getAttributeNS(SyncMessages.XSI, "type");
        int colon = type.indexOf(':');
        String prefix = colon < 0 ? null : type.substring(0, colon);
        return type.substring(colon + 1).equals("string") && SyncMessages.XS.equals(data.lookupNamespaceURI(prefix));
    }

    /**
     * Prefixes the payload uses on elements and attributes but whose declaration sits above it (on
     * {@code data} or the envelope) are declared on the copy's root, so it reads as it did when signed.
     */
    private static void declareUsedPrefixes(Element original, Element copy) {
        NodeList originals = original.getElementsByTagName("*");
        NodeList copies = copy.getElementsByTagName("*");
        declarePrefixes(original, copy, copy);
        for (int i = 0; i < originals.getLength(); i++) {
            declarePrefixes((Element) originals.item(i), (Element) copies.item(i), copy);
        }
    }

    private static void declarePrefixes(Element original, Element copy, Element root) {
        declare(original, copy, copy.getPrefix(), root);
        NamedNodeMap attributes = copy.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                declare(original, copy, attribute.getPrefix(), root);
            }
        }
    }

    /** Declares {@code prefix} on the root when it is not in scope at {@code copy} (declared within the payload). */
    private static void declare(Element original, Element copy, String prefix, Element root) {
        if (prefix == null || "xml".equals(prefix) || copy.lookupNamespaceURI(prefix) != null) {
            return;
        }
        String uri = original.lookupNamespaceURI(prefix);
        if (uri != null) {
            root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, uri);
        }
    }

    private static String who(NcaSubject subject) {
        return subject.iin().map(iin -> "IIN" + iin)
                .or(() -> subject.bin().map(bin -> "BIN" + bin))
                .orElse(subject.commonName());
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
