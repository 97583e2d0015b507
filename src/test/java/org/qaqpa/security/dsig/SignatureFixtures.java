package org.qaqpa.security.dsig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/** Signed SHEP messages for the signature tests: made with the development PKI at test time. */
final class SignatureFixtures {

    static final DevPki PKI = DevPki.generate(Clock.systemUTC());

    static final String ENVELOPE = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body><ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request><requestInfo><messageId>sig-1</messageId><serviceId>TEST_SERVICE_ID</serviceId><messageDate>2026-11-23T10:00:00.000+05:00</messageDate><sender><senderId>dev-client</senderId></sender></requestInfo><requestData><data>IIN123456789012</data></requestData></request></ns2:SendMessage></soap:Body></soap:Envelope>""";

    static final String BUSINESS_DOCUMENT = """
            <Request xmlns="http://gbdulinfobybin_v2.egp.gbdul.tamur.kz"><!-- not covered by the signature --><RequestorBIN>012345678912</RequestorBIN><BIN>990140000123</BIN></Request>""";

    private SignatureFixtures() {
    }

    static Document parse(String xml) {
        return new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String serialize(Document document) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SendMessage envelope signed in wss mode by {@code signer}, as text. */
    static String signedEnvelope(IssuedCertificate signer, XmlSigner.KeyInfoForm form) {
        Document document = parse(ENVELOPE);
        new XmlSigner(signer.privateKey(), signer.certificate()).signTransport(document, form);
        return serialize(document);
    }

    static String signedBusinessDocument(IssuedCertificate signer) {
        Document document = parse(BUSINESS_DOCUMENT);
        new XmlSigner(signer.privateKey(), signer.certificate()).signEnveloped(document);
        return serialize(document);
    }

    static XmlSignatureVerifier strictVerifier() {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(),
                List.of(PKI.legalEntity().certificate()));
    }
}
