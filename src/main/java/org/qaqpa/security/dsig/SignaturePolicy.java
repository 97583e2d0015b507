package org.qaqpa.security.dsig;

import static org.qaqpa.security.dsig.XmlNames.DS;
import static org.qaqpa.security.dsig.XmlNames.child;
import static org.qaqpa.security.dsig.XmlNames.children;

import java.util.ArrayList;
import java.util.List;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Element;

/**
 * Checks a {@code ds:Signature} before any cryptography runs: algorithms against the
 * {@link AlgorithmTable} (strict policy), and always the structural limits — at most 30 references
 * of 5 transforms each, same-document references only, no {@code RetrievalMethod}.
 */
final class SignaturePolicy {

    private final AlgorithmTable algorithms;
    private final boolean strict;

    /**
     * @param strict false for the interop policy: any algorithm Santuario's secure validation accepts,
     *               the structural limits still apply
     */
    SignaturePolicy(AlgorithmTable algorithms, boolean strict) {
        this.algorithms = algorithms;
        this.strict = strict;
    }

    /** Returns the Reference URIs of the signature, in order. */
    List<String> check(Element signature) {
        Element signedInfo = required(signature, "SignedInfo");
        String signatureMethod = algorithm(required(signedInfo, "SignatureMethod"));
        algorithms.notBroken(signatureMethod);
        if (strict) {
            algorithms.canonicalization(algorithm(required(signedInfo, "CanonicalizationMethod")));
            algorithms.signatureMethod(signatureMethod);
        }
        List<Element> references = children(signedInfo, DS, "Reference");
        if (references.isEmpty()) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The signature has no Reference.");
        }
        if (references.size() > AlgorithmTable.MAX_REFERENCES) {
            throw forbidden("The signature has more than " + AlgorithmTable.MAX_REFERENCES + " references.");
        }
        List<String> uris = new ArrayList<>();
        for (Element reference : references) {
            uris.add(checkReference(reference));
        }
        Element keyInfo = child(signature, DS, "KeyInfo");
        if (keyInfo != null && keyInfo.getElementsByTagNameNS(DS, "RetrievalMethod").getLength() > 0) {
            throw forbidden("KeyInfo/RetrievalMethod is not allowed.");
        }
        return uris;
    }

    private String checkReference(Element reference) {
        String uri = reference.getAttributeNode("URI") == null ? null : reference.getAttribute("URI");
        if (uri == null || !(uri.isEmpty() || uri.startsWith("#") && !uri.startsWith("#xpointer("))) {
            throw forbidden("Only same-document references (URI=\"\" or \"#id\") are allowed, got '"
                    + PrintableText.of(uri, 120) + "'.");
        }
        Element transforms = child(reference, DS, "Transforms");
        if (transforms != null) {
            List<Element> list = children(transforms, DS, "Transform");
            if (list.size() > AlgorithmTable.MAX_TRANSFORMS) {
                throw forbidden("A reference has more than " + AlgorithmTable.MAX_TRANSFORMS + " transforms.");
            }
            for (Element transform : list) {
                // Transforms are held to the table under every policy: XSLT, XPath, XPath Filter 2,
                // base64 and decrypt can run arbitrary work or hide what is signed.
                algorithms.transform(algorithm(transform));
            }
        }
        String digestMethod = algorithm(required(reference, "DigestMethod"));
        algorithms.notBroken(digestMethod);
        if (strict) {
            algorithms.digestMethod(digestMethod);
        }
        return uri;
    }

    private static Element required(Element parent, String localName) {
        Element found = child(parent, DS, localName);
        if (found == null) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The signature has no " + localName + ".");
        }
        return found;
    }

    private static String algorithm(Element element) {
        return element.getAttribute("Algorithm");
    }

    private static QaqpaFault forbidden(String message) {
        return new QaqpaFault(ErrorCode.ALGORITHM_FORBIDDEN, message);
    }
}
