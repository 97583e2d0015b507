package org.qaqpa.security.dsig;

import static org.qaqpa.security.dsig.XmlNames.BASE64;
import static org.qaqpa.security.dsig.XmlNames.DS;
import static org.qaqpa.security.dsig.XmlNames.SOAP11;
import static org.qaqpa.security.dsig.XmlNames.WSSE;
import static org.qaqpa.security.dsig.XmlNames.WSU;
import static org.qaqpa.security.dsig.XmlNames.X509V3;
import static org.qaqpa.security.dsig.XmlNames.child;
import static org.qaqpa.security.dsig.XmlNames.children;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Creates the two signatures of SHEP traffic in the reference forms of shep-contract.md §2:
 * the WS-Security transport signature (exc-c14n, a {@code wsu:Id} on the Body, KeyInfo naming the
 * whole certificate) and the enveloped business signature ({@code URI=""}, enveloped + c14n with
 * comments, {@code X509Data/X509Certificate}).
 */
public final class XmlSigner {

    static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    static final String C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    static final String C14N_WITH_COMMENTS = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    /** How the transport signature's KeyInfo names the certificate. */
    public enum KeyInfoForm {
        /** {@code wsse:SecurityTokenReference/wsse:KeyIdentifier} X509v3: the SHEP reference form. */
        KEY_IDENTIFIER,
        /** {@code ds:X509Data/ds:X509Certificate}: what xmlsec1 reads. */
        X509_DATA,
        /** Both, KeyIdentifier first: WS-Security stacks use the first, xmlsec1 the second. */
        BOTH
    }

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String signatureMethod;
    private final String digestMethod;

    /** @throws IllegalArgumentException if no signature method fits the key (DSA, GOST of another family or size) */
    public XmlSigner(PrivateKey key, X509Certificate certificate) {
        SantuarioSetup.init();
        this.key = key;
        this.certificate = certificate;
        Optional<GostKey> gost = GostKey.of(certificate.getPublicKey());
        this.signatureMethod = signatureMethod(key, gost);
        this.digestMethod = gost.map(GostKey::digestUri).orElse(SHA256);
    }

    /** Signs the SOAP Body of an envelope into {@code soap:Header/wsse:Security}; the envelope must not be signed yet. */
    public void signTransport(Document envelope, KeyInfoForm form) {
        Element root = envelope.getDocumentElement();
        if (!XmlNames.is(root, SOAP11, "Envelope") || children(root, SOAP11, "Body").size() != 1) {
            throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "Only a SOAP 1.1 envelope with one Body can be signed in wss mode.");
        }
        Element body = child(root, SOAP11, "Body");
        Element security = securityHeader(envelope, root);
        String bodyId = bodyId(body);
        try {
            XMLSignature signature = new XMLSignature(envelope, "", signatureMethod, EXC_C14N);
            security.appendChild(signature.getElement());
            Transforms transforms = new Transforms(envelope);
            transforms.addTransform(EXC_C14N);
            signature.addDocument("#" + bodyId, transforms, digestMethod);
            if (form != KeyInfoForm.X509_DATA) {
                signature.getKeyInfo().addUnknownElement(keyIdentifier(envelope));
            }
            if (form != KeyInfoForm.KEY_IDENTIFIER) {
                signature.getKeyInfo().add(x509Data(envelope));
            }
            signature.sign(key);
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Appends an enveloped signature over the whole document as the last child of its document element. */
    public void signEnveloped(Document document) {
        Element root = document.getDocumentElement();
        try {
            XMLSignature signature = new XMLSignature(document, "", signatureMethod, C14N);
            root.appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(C14N_WITH_COMMENTS);
            signature.addDocument("", transforms, digestMethod);
            signature.getKeyInfo().add(x509Data(document));
            signature.sign(key);
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** RSA and EC keys sign with SHA-256; GOST keys (known by their certificate) with their own size of Streebog. */
    private static String signatureMethod(PrivateKey key, Optional<GostKey> gost) {
        if (gost.isPresent()) {
            return gost.get().signatureUri();
        }
        return switch (key.getAlgorithm()) {
            case "RSA" -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
            case "EC" -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
            default -> throw new IllegalArgumentException("no signature method for " + key.getAlgorithm() + " keys yet");
        };
    }

    /** The existing wsse:Security header, or a new one ({@code mustUnderstand="1"}) as the Header's first child. */
    private static Element securityHeader(Document envelope, Element root) {
        Element header = child(root, SOAP11, "Header");
        if (header == null) {
            header = envelope.createElementNS(SOAP11, prefixOf(root) + "Header");
            root.insertBefore(header, root.getFirstChild());
        }
        List<Element> existing = children(header, WSSE, "Security");
        if (!existing.isEmpty()) {
            if (!children(existing.get(0), DS, "Signature").isEmpty()) {
                throw new QaqpaFault(ErrorCode.MESSAGE_INVALID, "The envelope is already signed.");
            }
            return existing.get(0);
        }
        Element security = envelope.createElementNS(WSSE, "wsse:Security");
        security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsse", WSSE);
        security.setAttributeNS(SOAP11, prefixOf(root) + "mustUnderstand", "1");
        header.insertBefore(security, header.getFirstChild());
        return security;
    }

    private static String bodyId(Element body) {
        String id = body.getAttributeNS(WSU, "Id");
        if (id.isEmpty()) {
            id = "id-" + UUID.randomUUID();
            body.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
            body.setAttributeNS(WSU, "wsu:Id", id);
        }
        body.setIdAttributeNS(WSU, "Id", true);
        return id;
    }

    private Element keyIdentifier(Document document) {
        Element str = document.createElementNS(WSSE, "wsse:SecurityTokenReference");
        str.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsse", WSSE);
        Element keyIdentifier = document.createElementNS(WSSE, "wsse:KeyIdentifier");
        keyIdentifier.setAttribute("EncodingType", BASE64);
        keyIdentifier.setAttribute("ValueType", X509V3);
        keyIdentifier.setTextContent(Base64.getEncoder().encodeToString(encoded()));
        str.appendChild(keyIdentifier);
        return str;
    }

    private X509Data x509Data(Document document) throws XMLSecurityException {
        X509Data data = new X509Data(document);
        data.addCertificate(certificate);
        return data;
    }

    private byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefixOf(Element element) {
        return element.getPrefix() == null ? "" : element.getPrefix() + ":";
    }
}
