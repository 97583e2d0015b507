package org.qaqpa.security.dsig;

import static org.qaqpa.security.dsig.XmlNames.DS;
import static org.qaqpa.security.dsig.XmlNames.SOAP11;
import static org.qaqpa.security.dsig.XmlNames.WSSE;
import static org.qaqpa.security.dsig.XmlNames.children;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies the two signatures of SHEP traffic (shep-contract.md §2) on a DOM document, with
 * Santuario's secure validation on: the WS-Security transport signature, which must cover the one
 * SOAP Body of the envelope, and the enveloped business signature, which must cover the whole
 * document ({@code URI=""}). Order: structure and coverage, then algorithm policy, then the
 * certificate from KeyInfo, then digests and signature value. Certificate trust is not checked here.
 */
public final class XmlSignatureVerifier {

    /** Which signature a document carries. */
    public enum Mode {
        /** WS-Security signature in {@code soap:Header/wsse:Security} over the SOAP Body. */
        WSS,
        /** Enveloped XMLDSig, the last child of the document element, over the whole document. */
        ENVELOPED;

        /** WSS for a SOAP 1.1 envelope, enveloped for anything else. */
        public static Mode of(Document document) {
            return XmlNames.is(document.getDocumentElement(), SOAP11, "Envelope") ? WSS : ENVELOPED;
        }
    }

    private final SignaturePolicy policy;
    private final List<QName> idAttributes;
    private final KeyInfoReader keyInfo;

    /**
     * @param algorithms   the algorithm table (legacy SHA-1 on or off)
     * @param strict       false for the interop policy (any algorithm secure validation accepts)
     * @param idAttributes attribute names that carry IDs, see {@link #defaultIdAttributes()}
     * @param known        certificates a signature may name by issuer and serial only
     */
    public XmlSignatureVerifier(AlgorithmTable algorithms, boolean strict, List<QName> idAttributes,
                                List<X509Certificate> known) {
        SantuarioSetup.init();
        this.policy = new SignaturePolicy(algorithms, strict);
        this.idAttributes = List.copyOf(idAttributes);
        this.keyInfo = new KeyInfoReader(known);
    }

    /** {@code wsu:Id}, {@code Id} and {@code ID}. */
    public static List<QName> defaultIdAttributes() {
        return IdRegistry.DEFAULT_ID_ATTRIBUTES;
    }

    /** Checks the signer's certificate before any digest or signature is computed (trust before work). */
    @FunctionalInterface
    public interface SignerCheck {
        /** Throws a refusal when the signer must not be trusted. */
        void check(X509Certificate signer, List<X509Certificate> presented);
    }

    /** Verifies without a certificate check (the caller checks {@link VerifiedSignature#signer()} afterwards). */
    public VerifiedSignature verify(Document document, Mode mode) {
        return verify(document, mode, (signer, presented) -> { });
    }

    /**
     * Verifies, running {@code signerCheck} after the structure, policy and KeyInfo checks and before
     * any cryptography, so an untrusted sender cannot make the verifier digest and canonicalize.
     */
    public VerifiedSignature verify(Document document, Mode mode, SignerCheck signerCheck) {
        return mode == Mode.WSS ? verifyTransport(document, signerCheck) : verifyEnveloped(document, signerCheck);
    }

    private VerifiedSignature verifyTransport(Document document, SignerCheck signerCheck) {
        Element envelope = document.getDocumentElement();
        if (!XmlNames.is(envelope, SOAP11, "Envelope")) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The document is not a SOAP 1.1 envelope.");
        }
        requireEnvelopeShape(document, envelope);
        List<Element> headers = children(envelope, SOAP11, "Header");
        List<Element> bodies = children(envelope, SOAP11, "Body");
        List<Element> securities = headers.isEmpty() ? List.of() : children(headers.get(0), WSSE, "Security");
        if (securities.size() > 1) {
            throw coverage("The envelope has more than one wsse:Security header.");
        }
        List<Element> signatures = securities.isEmpty() ? List.of() : children(securities.get(0), DS, "Signature");
        if (signatures.isEmpty()) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_MISSING, "The request carries no WS-Security signature.");
        }
        if (signatures.size() > 1) {
            throw coverage("The wsse:Security header holds more than one signature.");
        }
        Element signature = signatures.get(0);
        List<String> references = policy.check(signature);
        IdRegistry ids = new IdRegistry(document, idAttributes, references);
        Element body = bodies.get(0);
        boolean bodyCovered = references.stream().anyMatch(uri -> uri.startsWith("#") && ids.find(uri.substring(1)) == body);
        if (!bodyCovered) {
            throw coverage("The signature does not cover the SOAP Body of the envelope.");
        }
        return check(signature, Mode.WSS, keyInfo.certificates(signature, securities.get(0)), references, signerCheck);
    }

    /**
     * Exactly one {@code soap:Body} and at most one {@code soap:Header} in the whole document, as the
     * Envelope's only element children: CXF takes the first Body start tag it meets, at any depth,
     * so a second Body anywhere (in a header block, in {@code ds:Object}) would be the one processed.
     */
    private static void requireEnvelopeShape(Document document, Element envelope) {
        if (document.getElementsByTagNameNS(SOAP11, "Body").getLength() != 1
                || document.getElementsByTagNameNS(SOAP11, "Header").getLength() > 1
                || document.getElementsByTagNameNS(SOAP11, "Envelope").getLength() != 1) {
            throw coverage("The document must hold exactly one soap:Body and at most one soap:Header, both children of the Envelope.");
        }
        List<Element> children = XmlNames.elementChildren(envelope);
        boolean shape = children.size() == 1 && XmlNames.is(children.get(0), SOAP11, "Body")
                || children.size() == 2 && XmlNames.is(children.get(0), SOAP11, "Header") && XmlNames.is(children.get(1), SOAP11, "Body");
        if (!shape) {
            throw coverage("The Envelope must hold an optional Header followed by the Body, and nothing else.");
        }
    }

    private VerifiedSignature verifyEnveloped(Document document, SignerCheck signerCheck) {
        Element root = document.getDocumentElement();
        List<Element> signatures = children(root, DS, "Signature");
        if (signatures.isEmpty()) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_MISSING, "The document carries no enveloped signature.");
        }
        if (signatures.size() > 1) {
            throw coverage("The document element holds more than one signature.");
        }
        Element signature = signatures.get(0);
        List<String> references = policy.check(signature);
        if (references.size() != 1 || !references.get(0).isEmpty()) {
            throw coverage("An enveloped signature must have exactly one reference, to the whole document (URI=\"\").");
        }
        return check(signature, Mode.ENVELOPED, keyInfo.certificates(signature, null), references, signerCheck);
    }

    private static VerifiedSignature check(Element signature, Mode mode, List<X509Certificate> presented,
                                           List<String> references, SignerCheck signerCheck) {
        X509Certificate signer = presented.get(0);
        signerCheck.check(signer, presented);
        boolean valid;
        try {
            XMLSignature xmlSignature = new XMLSignature(signature, "", true);
            valid = xmlSignature.checkSignatureValue(signer.getPublicKey());
        } catch (XMLSecurityException e) {
            throw refusalOf(e);
        } catch (RuntimeException e) {
            // Santuario reports some malformed input (bad Base64, odd key material) with unchecked exceptions.
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The signature cannot be verified: it is malformed.");
        }
        if (!valid) {
            throw new QaqpaFault(ErrorCode.SIGNATURE_INVALID,
                    "The signature does not verify: the signed content or the signature value was changed.");
        }
        return new VerifiedSignature(mode, signer, presented, references);
    }

    /** Secure-validation refusals name a forbidden construct; anything else means the signature is broken. */
    private static QaqpaFault refusalOf(XMLSecurityException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("not allowed") || message.contains("forbidden") || message.contains("secure validation")) {
            return new QaqpaFault(ErrorCode.ALGORITHM_FORBIDDEN, "The signature uses a construct secure validation forbids.");
        }
        return new QaqpaFault(ErrorCode.SIGNATURE_INVALID, "The signature cannot be verified: it is malformed.");
    }

    private static QaqpaFault coverage(String message) {
        return new QaqpaFault(ErrorCode.SIGNATURE_COVERAGE, message);
    }
}
