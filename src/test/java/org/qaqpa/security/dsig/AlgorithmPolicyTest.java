package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;
import static org.qaqpa.security.dsig.SignatureFixtures.signedEnvelope;

import java.util.List;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSigner.KeyInfoForm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The algorithm policy: what the table refuses ({@code ALGORITHM_FORBIDDEN}) and the boundaries it keeps. */
class AlgorithmPolicyTest {

    private static final String MD5 = "http://www.w3.org/2001/04/xmldsig-more#md5";
    private static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    private static final String XSLT = "http://www.w3.org/TR/1999/REC-xslt-19991116";

    @Test
    void acceptsRsaSha256() {
        assertThat(verify(signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH), false)).isNotNull();
    }

    @Test
    void refusesRsaSha1UnderStrictPolicyAndAcceptsItWithLegacyAllowed() {
        String sha1 = signWith(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, SHA1);
        assertRefused(sha1, false, ErrorCode.ALGORITHM_FORBIDDEN);
        assertThat(verify(sha1, true).signer()).isEqualTo(PKI.legalEntity().certificate());
    }

    @Test
    void refusesMd5Digest() {
        // Santuario will not even sign with MD5 under secure validation, so the digest method is swapped after signing.
        String md5 = signWith(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XmlSigner.SHA256).replace(XmlSigner.SHA256, MD5);
        assertRefused(md5, true, ErrorCode.ALGORITHM_FORBIDDEN);
        QaqpaFault interop = catchThrowableOfType(QaqpaFault.class, () -> interopVerifier().verify(parse(md5), XmlSignatureVerifier.Mode.WSS));
        assertThat(interop.code()).as(interop.getMessage()).isEqualTo(ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refusesHmacSignatureMethod() {
        String hmac = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH)
                .replace(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_MAC_HMAC_SHA256);
        assertRefused(hmac, false, ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refusesXsltTransformUnderEveryPolicy() {
        String xslt = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH)
                .replace("<ds:Transforms>", "<ds:Transforms><ds:Transform Algorithm=\"" + XSLT + "\"/>");
        assertRefused(xslt, false, ErrorCode.ALGORITHM_FORBIDDEN);
        QaqpaFault interop = catchThrowableOfType(QaqpaFault.class, () -> interopVerifier().verify(parse(xslt), XmlSignatureVerifier.Mode.WSS));
        assertThat(interop.code()).isEqualTo(ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refusesXPathFilter2AndBase64TransformsUnderInteropPolicy() {
        for (String transform : List.of("http://www.w3.org/2002/06/xmldsig-filter2", "http://www.w3.org/2000/09/xmldsig#base64")) {
            String variant = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH)
                    .replace("<ds:Transforms>", "<ds:Transforms><ds:Transform Algorithm=\"" + transform + "\"/>");
            QaqpaFault interop = catchThrowableOfType(QaqpaFault.class,
                    () -> interopVerifier().verify(parse(variant), XmlSignatureVerifier.Mode.WSS));
            assertThat(interop.code()).as(transform).isEqualTo(ErrorCode.ALGORITHM_FORBIDDEN);
        }
    }

    @Test
    void refusesExternalReference() {
        String external = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH)
                .replace("</ds:SignedInfo>", "<ds:Reference URI=\"file:///etc/passwd\"><ds:DigestMethod Algorithm=\""
                        + XmlSigner.SHA256 + "\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>");
        assertRefused(external, false, ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refusesRetrievalMethod() {
        String retrieval = signedEnvelope(PKI.legalEntity(), KeyInfoForm.X509_DATA)
                .replace("<ds:X509Data>", "<ds:RetrievalMethod URI=\"#x\"/><ds:X509Data>");
        assertRefused(retrieval, false, ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refuses31ReferencesAndSixTransforms() {
        String signed = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH);
        String extraReference = "<ds:Reference URI=\"\"><ds:DigestMethod Algorithm=\"" + XmlSigner.SHA256
                + "\"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>";
        assertRefused(signed.replace("</ds:SignedInfo>", extraReference.repeat(30) + "</ds:SignedInfo>"), false,
                ErrorCode.ALGORITHM_FORBIDDEN);
        String transform = "<ds:Transform Algorithm=\"" + XmlSigner.EXC_C14N + "\"/>";
        assertRefused(signed.replace("<ds:Transforms>", "<ds:Transforms>" + transform.repeat(5)), false,
                ErrorCode.ALGORITHM_FORBIDDEN);
    }

    /** Signs the envelope's Body with the given signature and digest methods, straight through Santuario. */
    private static String signWith(String signatureMethod, String digestMethod) {
        try {
            SantuarioSetup.init();
            Document document = parse(SignatureFixtures.ENVELOPE);
            Element envelope = document.getDocumentElement();
            Element header = (Element) document.getElementsByTagNameNS(XmlNames.SOAP11, "Header").item(0);
            Element body = (Element) document.getElementsByTagNameNS(XmlNames.SOAP11, "Body").item(0);
            body.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", XmlNames.WSU);
            body.setAttributeNS(XmlNames.WSU, "wsu:Id", "id-body");
            body.setIdAttributeNS(XmlNames.WSU, "Id", true);
            Element security = document.createElementNS(XmlNames.WSSE, "wsse:Security");
            header.appendChild(security);
            XMLSignature signature = new XMLSignature(document, "", signatureMethod, XmlSigner.EXC_C14N);
            security.appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(XmlSigner.EXC_C14N);
            signature.addDocument("#id-body", transforms, digestMethod);
            signature.addKeyInfo(PKI.legalEntity().certificate());
            signature.sign(PKI.legalEntity().privateKey());
            assertThat(envelope).isNotNull();
            return SignatureFixtures.serialize(document);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static XmlSignatureVerifier interopVerifier() {
        return new XmlSignatureVerifier(new AlgorithmTable(false), false, XmlSignatureVerifier.defaultIdAttributes(), List.of());
    }

    private static VerifiedSignature verify(String xml, boolean allowLegacySha1) {
        return new XmlSignatureVerifier(new AlgorithmTable(allowLegacySha1), true, XmlSignatureVerifier.defaultIdAttributes(),
                List.of()).verify(parse(xml), XmlSignatureVerifier.Mode.WSS);
    }

    private static void assertRefused(String xml, boolean allowLegacySha1, ErrorCode expected) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> verify(xml, allowLegacySha1));
        assertThat(fault).as("expected " + expected).isNotNull();
        assertThat(fault.code()).as(fault.getMessage()).isEqualTo(expected);
    }
}
