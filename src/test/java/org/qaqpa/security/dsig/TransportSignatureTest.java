package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;
import static org.qaqpa.security.dsig.SignatureFixtures.signedEnvelope;
import static org.qaqpa.security.dsig.SignatureFixtures.strictVerifier;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSigner.KeyInfoForm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The WS-Security transport signature: a correctly signed request verifies in every KeyInfo form;
 * each tampering and each signature-wrapping variant is refused with its exact code. Wrapping
 * fixtures are first shown to carry a cryptographically valid signature, so a broken fixture
 * cannot pass as "refused".
 */
class TransportSignatureTest {

    private static final Pattern BODY = Pattern.compile("<soap:Body[^>]*>.*</soap:Body>", Pattern.DOTALL);

    private final String signed = signedEnvelope(PKI.legalEntity(), KeyInfoForm.BOTH);

    @Test
    void acceptsUntamperedRequestInEveryKeyInfoForm() {
        for (KeyInfoForm form : KeyInfoForm.values()) {
            VerifiedSignature result = verify(signedEnvelope(PKI.legalEntity(), form));
            assertThat(result.signer()).isEqualTo(PKI.legalEntity().certificate());
            assertThat(result.mode()).isEqualTo(XmlSignatureVerifier.Mode.WSS);
        }
    }

    @Test
    void acceptsBinarySecurityTokenReference() {
        String keyIdentifier = signedEnvelope(PKI.legalEntity(), KeyInfoForm.KEY_IDENTIFIER);
        Matcher token = Pattern.compile("<wsse:KeyIdentifier[^>]*>([^<]+)</wsse:KeyIdentifier>").matcher(keyIdentifier);
        assertThat(token.find()).isTrue();
        String bst = keyIdentifier
                .replace(token.group(0), "<wsse:Reference URI=\"#bst-1\" ValueType=\"" + XmlNames.X509V3 + "\"/>")
                .replaceFirst("(<wsse:Security[^>]*>)", "$1<wsse:BinarySecurityToken xmlns:wsu=\"" + XmlNames.WSU
                        + "\" wsu:Id=\"bst-1\" ValueType=\"" + XmlNames.X509V3 + "\" EncodingType=\"" + XmlNames.BASE64 + "\">"
                        + token.group(1) + "</wsse:BinarySecurityToken>");
        assertThat(verify(bst).signer()).isEqualTo(PKI.legalEntity().certificate());
    }

    @Test
    void refusesUnsignedRequest() {
        assertRefused(SignatureFixtures.ENVELOPE, ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesSignatureStripped() {
        assertRefused(signed.replaceAll("(?s)<ds:Signature.*</ds:Signature>", ""), ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesTamperedBody() {
        assertRefused(signed.replace("IIN123456789012", "IIN999999999999"), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesTamperedSignatureValue() {
        Matcher value = Pattern.compile("<ds:SignatureValue>\\s*([A-Za-z0-9+/])").matcher(signed);
        assertThat(value.find()).isTrue();
        String flipped = value.group(1).equals("A") ? "B" : "A";
        assertRefused(signed.substring(0, value.start(1)) + flipped + signed.substring(value.end(1)), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesTamperedDigestValue() {
        Matcher value = Pattern.compile("<ds:DigestValue>\\s*([A-Za-z0-9+/])").matcher(signed);
        assertThat(value.find()).isTrue();
        String flipped = value.group(1).equals("A") ? "B" : "A";
        assertRefused(signed.substring(0, value.start(1)) + flipped + signed.substring(value.end(1)), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesSwappedCertificate() {
        String other = signedEnvelope(PKI.individual(), KeyInfoForm.X509_DATA);
        String otherCert = firstMatch(other, "<ds:X509Certificate>([^<]+)</ds:X509Certificate>");
        String ours = signedEnvelope(PKI.legalEntity(), KeyInfoForm.X509_DATA);
        String oursCert = firstMatch(ours, "<ds:X509Certificate>([^<]+)</ds:X509Certificate>");
        assertRefused(ours.replace(oursCert, otherCert), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesKeyInfoWithFiftyCertificates() {
        String x509 = signedEnvelope(PKI.legalEntity(), KeyInfoForm.X509_DATA);
        String cert = firstMatch(x509, "(<ds:X509Certificate>[^<]+</ds:X509Certificate>)");
        assertRefused(x509.replace(cert, cert.repeat(50)), ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesCertificateThatDoesNotParse() {
        String x509 = signedEnvelope(PKI.legalEntity(), KeyInfoForm.X509_DATA);
        String cert = firstMatch(x509, "<ds:X509Certificate>([^<]+)</ds:X509Certificate>");
        assertRefused(x509.replace(cert, "bm90IGEgY2VydGlmaWNhdGU="), ErrorCode.CERT_UNTRUSTED);
    }

    // Signature wrapping: the signed Body survives elsewhere, a forged Body is processed.

    @Test
    void refusesBodyMovedIntoHeader() {
        String wrapped = wrap(signed, Placement.HEADER, false);
        assertSignatureItselfStillValid(wrapped);
        assertRefused(wrapped, ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesBodyMovedIntoSecurityHeader() {
        String wrapped = wrap(signed, Placement.SECURITY, false);
        assertSignatureItselfStillValid(wrapped);
        assertRefused(wrapped, ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesBodyMovedIntoSignatureObject() {
        String wrapped = wrap(signed, Placement.DS_OBJECT, false);
        assertSignatureItselfStillValid(wrapped);
        assertRefused(wrapped, ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesSignedBodyNestedInForgedBody() {
        String wrapped = wrap(signed, Placement.NESTED, false);
        assertSignatureItselfStillValid(wrapped);
        assertRefused(wrapped, ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesDuplicateId() {
        String id = firstMatch(signed, "wsu:Id=\"([^\"]+)\"");
        String duplicate = signed.replace("</wsse:Security>", "</wsse:Security><Note xmlns:wsu=\"" + XmlNames.WSU
                + "\" wsu:Id=\"" + id + "\">same id</Note>");
        assertRefused(duplicate, ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesForgedBodyPlacedBeforeTheSignedOne() {
        String forged = forgedBody(signed, "id-forged");
        List<String> variants = List.of(
                signed.replace("</wsse:Security>", "</wsse:Security><Block>" + forged + "</Block>"),
                signed.replace("</ds:Signature></wsse:Security>", "</ds:Signature>" + forged + "</wsse:Security>"),
                signed.replace("</ds:Signature>", "<ds:Object>" + forged + "</ds:Object></ds:Signature>"),
                signed.replaceFirst("(<soap:Header[^>]*>)", "$1" + forged));
        for (String variant : variants) {
            assertSignatureItselfStillValid(variant);
            assertRefused(variant, ErrorCode.SIGNATURE_COVERAGE);
        }
    }

    @Test
    void acceptsPayloadRepeatingIdsNobodyReferences() {
        String repeated = SignatureFixtures.ENVELOPE.replace("<data>IIN123456789012</data>",
                "<data><row Id=\"1\"/><row Id=\"1\"/><row ID=\"2\"/><row ID=\"2\"/></data>");
        Document document = parse(repeated);
        new XmlSigner(PKI.legalEntity().privateKey(), PKI.legalEntity().certificate()).signTransport(document, KeyInfoForm.BOTH);
        assertThat(verify(SignatureFixtures.serialize(document)).signer()).isEqualTo(PKI.legalEntity().certificate());
    }

    @Test
    void refusesRsaKeyLargerThan4096Bits() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(4104);
        java.security.KeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=BIG KEY");
        java.time.Instant now = java.time.Instant.now();
        java.security.cert.X509Certificate big = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                        java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plusSeconds(3600)), name, keys.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Document document = parse(SignatureFixtures.ENVELOPE);
        new XmlSigner(keys.getPrivate(), big).signTransport(document, KeyInfoForm.X509_DATA);
        assertRefused(SignatureFixtures.serialize(document), ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesMalformedSignatureValue() {
        assertRefused(signed.replaceFirst("(?s)<ds:SignatureValue>.*</ds:SignatureValue>",
                "<ds:SignatureValue>AAAA=A</ds:SignatureValue>"), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void checksTheSignerBeforeComputingAnyDigest() {
        String tampered = signed.replace("IIN123456789012", "IIN999999999999");
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> strictVerifier().verify(parse(tampered),
                XmlSignatureVerifier.Mode.WSS, (signer, presented) -> {
                    throw new QaqpaFault(ErrorCode.CERT_UNTRUSTED, "untrusted");
                }));
        assertThat(fault.code()).as("the certificate refusal comes before the digest mismatch").isEqualTo(ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesTwoBodies() {
        String forged = forgedBody(signed, "id-forged");
        assertRefused(signed.replace("</soap:Envelope>", forged + "</soap:Envelope>"), ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesExtraOperationElementInSignedBody() {
        String extra = signed.replace("</ns2:SendMessage></soap:Body>",
                "</ns2:SendMessage><ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"/></soap:Body>");
        assertRefused(extra, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesSignatureOverAnotherElement() {
        Document document = parse(SignatureFixtures.ENVELOPE.replace("<soap:Header/>",
                "<soap:Header><Note xmlns:wsu=\"" + XmlNames.WSU + "\" wsu:Id=\"note-1\">harmless</Note></soap:Header>"));
        Element note = (Element) document.getElementsByTagNameNS("*", "Note").item(0);
        note.setIdAttributeNS(XmlNames.WSU, "Id", true);
        String signedNote = SignatureFixtures.serialize(signWithReference(document, "#note-1"));
        assertSignatureItselfStillValid(signedNote);
        assertRefused(signedNote, ErrorCode.SIGNATURE_COVERAGE);
    }

    private enum Placement { HEADER, SECURITY, DS_OBJECT, NESTED }

    /** Moves the signed Body to {@code placement} and puts a forged Body in its place. */
    private static String wrap(String signedXml, Placement placement, boolean sameId) {
        Matcher body = BODY.matcher(signedXml);
        assertThat(body.find()).isTrue();
        String original = body.group();
        // The signed Body moves verbatim, so its digest still matches wherever it lands.
        String wrapper = original;
        String id = firstMatch(original, "wsu:Id=\"([^\"]+)\"");
        String forged = forgedBody(signedXml, sameId ? id : "id-forged");
        return switch (placement) {
            case HEADER -> signedXml.replace(original, forged).replace("</wsse:Security>", "</wsse:Security>" + wrapper);
            case SECURITY -> signedXml.replace(original, forged).replace("</wsse:Security>", wrapper + "</wsse:Security>");
            case DS_OBJECT -> signedXml.replace(original, forged).replace("</ds:Signature>", "<ds:Object>" + wrapper + "</ds:Object></ds:Signature>");
            case NESTED -> signedXml.replace(original, forged.replace("</soap:Body>", wrapper + "</soap:Body>"));
        };
    }

    private static String forgedBody(String signedXml, String id) {
        Matcher body = BODY.matcher(signedXml);
        assertThat(body.find()).isTrue();
        String inner = body.group().replaceFirst("^<soap:Body[^>]*>", "").replaceFirst("</soap:Body>$", "");
        return "<soap:Body xmlns:wsu=\"" + XmlNames.WSU + "\" wsu:Id=\"" + id + "\">"
                + inner.replace("IIN123456789012", "IIN999999999999") + "</soap:Body>";
    }

    /** Proves a fixture's signature verifies on its own (no coverage check), as Santuario's secure_val tests do. */
    private static void assertSignatureItselfStillValid(String xml) {
        Document document = parse(xml);
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttributeNS(XmlNames.WSU, "Id")) {
                e.setIdAttributeNS(XmlNames.WSU, "Id", true);
            }
        }
        Element signature = (Element) document.getElementsByTagNameNS(XmlNames.DS, "Signature").item(0);
        try {
            assertThat(new XMLSignature(signature, "", false).checkSignatureValue(PKI.legalEntity().certificate().getPublicKey()))
                    .as("the forged fixture still carries a valid signature").isTrue();
        } catch (Exception e) {
            throw new AssertionError("fixture signature does not verify on its own", e);
        }
    }

    private static Document signWithReference(Document document, String uri) {
        try {
            SantuarioSetup.init();
            Element header = (Element) document.getElementsByTagNameNS(XmlNames.SOAP11, "Header").item(0);
            Element security = document.createElementNS(XmlNames.WSSE, "wsse:Security");
            header.appendChild(security);
            XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XmlSigner.EXC_C14N);
            security.appendChild(signature.getElement());
            org.apache.xml.security.transforms.Transforms transforms = new org.apache.xml.security.transforms.Transforms(document);
            transforms.addTransform(XmlSigner.EXC_C14N);
            signature.addDocument(uri, transforms, XmlSigner.SHA256);
            signature.addKeyInfo(PKI.legalEntity().certificate());
            signature.sign(PKI.legalEntity().privateKey());
            return document;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static VerifiedSignature verify(String xml) {
        return strictVerifier().verify(parse(xml), XmlSignatureVerifier.Mode.WSS);
    }

    private static void assertRefused(String xml, ErrorCode expected) {
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> verify(xml));
        assertThat(fault).as("expected refusal " + expected).isNotNull();
        assertThat(fault.code()).as(fault.getMessage()).isEqualTo(expected);
        assertThat(List.of(fault.getMessage())).noneMatch(m -> m.contains("Exception"));
    }
}
