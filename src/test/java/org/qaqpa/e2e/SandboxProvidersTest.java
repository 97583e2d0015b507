package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.sandbox.SyncMessages;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.dsig.XmlSigner;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sandbox providers on the gateway's listener, called as the gateway calls them: a SendMessage
 * transport-signed with the gateway's key. The echo provider copies {@code data} verbatim in both
 * payload forms, reports the business signature, refuses what the gateway did not sign; each faulty
 * provider misbehaves in its own way.
 */
@ExtendWith(SharedGateway.class)
class SandboxProvidersTest {

    private static final String SESSION_ID = "{3c3ba84d-6b6a-4b5d-b3b4-90b1b8f00f2d}";
    private static final String STRING_TYPE = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\"";

    @Test
    void echoesTypedDataVerbatimSignedWithTheEchoKey() throws Exception {
        String data = "<data xmlns:cs=\"urn:test:cs\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"cs:Request\">"
                + "\n  <cs:person iin=\"123456789011\"><cs:name>ТЕСТОВ &amp; сын</cs:name><!-- kept --></cs:person>\n</data>";
        String request = TestGateway.sign(request("m-typed", data), pki().gateway());

        TestGateway.SoapResponse answer = gateway().post("/sandbox/echo", Envelopes.bytes(request));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("text/xml"));
        assertThat(signerOf(answer.body())).isEqualTo(pki().echo().certificate());
        Document document = parse(answer.body());
        Element info = responseInfo(document);
        assertThat(SyncMessages.text(info, "correlationId")).isEqualTo("m-typed");
        assertThat(SyncMessages.text(info, "sessionId")).isEqualTo(SESSION_ID);
        assertThat(SyncMessages.text(info, "status", "code")).isEqualTo("Success");
        assertThat(SyncMessages.text(info, "status", "message")).isEqualTo("no business signature");
        assertThat(SyncMessages.text(info, "messageId")).isNotBlank().isNotEqualTo("m-typed");
        assertThat(canonical(dataOf(document))).isEqualTo(canonical(requestData(request)));
    }

    @Test
    void echoesEscapedStringDataVerbatim() throws Exception {
        String data = "<data " + STRING_TYPE + ">&lt;?xml version=\"1.0\"?&gt;&lt;a b=\"1\"&gt;x &amp;amp; y&lt;/a&gt;</data>";
        String request = TestGateway.sign(request("m-string", data), pki().gateway());

        TestGateway.SoapResponse answer = gateway().post("/sandbox/echo", Envelopes.bytes(request));

        assertThat(answer.status()).isEqualTo(200);
        Element echoed = dataOf(parse(answer.body()));
        assertThat(canonical(echoed)).isEqualTo(canonical(requestData(request)));
        assertThat(echoed.getTextContent()).isEqualTo("<?xml version=\"1.0\"?><a b=\"1\">x &amp; y</a>");
        assertThat(echoed.getAttributeNS(SyncMessages.XSI, "type")).isEqualTo("xs:string");
    }

    @Test
    void reportsAValidBusinessSignatureInTypedData() throws Exception {
        String signed = signedPayload(pki().individual());

        TestGateway.SoapResponse answer = postAsGateway("/sandbox/echo", request("m-bs1", "<data>" + signed + "</data>"));

        assertThat(statusMessage(answer)).isEqualTo("business signature valid: IIN123456789011");
    }

    @Test
    void reportsAValidBusinessSignatureInAnEscapedString() throws Exception {
        String escaped = signedPayload(pki().legalEntity()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");

        TestGateway.SoapResponse answer = postAsGateway("/sandbox/echo", request("m-bs2", "<data " + STRING_TYPE + ">" + escaped + "</data>"));

        assertThat(statusMessage(answer)).isEqualTo("business signature valid: IIN123456789011");
    }

    @Test
    void reportsABusinessSignatureThatDoesNotVerify() throws Exception {
        String changed = signedPayload(pki().individual()).replace("<amount>100</amount>", "<amount>900</amount>");

        TestGateway.SoapResponse answer = postAsGateway("/sandbox/echo", request("m-bs3", "<data>" + changed + "</data>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(statusMessage(answer)).startsWith("business signature invalid: " + ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesAnUnsignedRequestWithASignedFault() throws Exception {
        TestGateway.SoapResponse answer = gateway().post("/sandbox/echo", Envelopes.bytes(request("m-unsigned", "<data/>")));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.SIGNATURE_MISSING.name());
        assertThat(answer.detailElement()).isEqualTo("{" + SyncMessages.SYNC_TYPES + "}SendMessageFault1_SendMessageFault");
        assertThat(answer.detailText("sessionId")).isEqualTo(SESSION_ID);
        assertThat(signerOf(answer.body())).isEqualTo(pki().echo().certificate());
    }

    @Test
    void refusesARequestSignedOutsideTheDevelopmentPki() throws Exception {
        IssuedCertificate stranger = pki().selfSigned(LeafSpec.signing("C=KZ, CN=STRANGER", Instant.now()));
        String signed = TestGateway.sign(request("m-stranger", "<data/>"), stranger);

        TestGateway.SoapResponse answer = gateway().post("/sandbox/echo", Envelopes.bytes(signed));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(ErrorCode.CERT_UNTRUSTED.name());
    }

    @Test
    void unsignedProviderAnswersWithoutSignature() throws Exception {
        TestGateway.SoapResponse answer = postAsGateway("/sandbox/faulty/unsigned", request("m-f1", "<data>x</data>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(SyncMessages.text(responseInfo(parse(answer.body())), "correlationId")).isEqualTo("m-f1");
        assertThatThrownBy(() -> signerOf(answer.body())).isInstanceOfSatisfying(QaqpaFault.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.SIGNATURE_MISSING));
    }

    @Test
    void wrongSignerProviderSignsWithTheIndividualKey() throws Exception {
        TestGateway.SoapResponse answer = postAsGateway("/sandbox/faulty/wrong-signer", request("m-f2", "<data>x</data>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(signerOf(answer.body())).isEqualTo(pki().individual().certificate());
    }

    @Test
    void faultProviderAnswersWithASignedMaintenanceFault() throws Exception {
        TestGateway.SoapResponse answer = postAsGateway("/sandbox/faulty/fault", request("m-f3", "<data>x</data>"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo("PROVIDER_DOWN_FOR_MAINTENANCE");
        assertThat(answer.detailText("errorMessage")).isNotBlank();
        assertThat(answer.detailText("errorDate")).isNotBlank();
        assertThat(answer.detailText("sessionId")).isEqualTo(SESSION_ID);
        assertThat(signerOf(answer.body())).isEqualTo(pki().echo().certificate());
    }

    @Test
    void garbageProviderAnswersWithSomethingThatIsNotSoap() throws Exception {
        TestGateway.SoapResponse answer = postAsGateway("/sandbox/faulty/garbage", request("m-f4", "<data>x</data>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("content-type")).anySatisfy(v -> assertThat(v).startsWith("text/xml"));
        assertThat(answer.body()).isEqualTo("<not-soap/>");
    }

    @Test
    void tamperedProviderAnswersWithDataChangedAfterSigning() throws Exception {
        TestGateway.SoapResponse answer = postAsGateway("/sandbox/faulty/tampered", request("m-f5", "<data>x</data>"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(dataOf(parse(answer.body())).getTextContent()).isEqualTo("xchanged after signing");
        assertThatThrownBy(() -> signerOf(answer.body())).isInstanceOfSatisfying(QaqpaFault.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
    }

    private static TestGateway gateway() {
        return SharedGateway.gateway();
    }

    private static DevPki pki() {
        return gateway().pki();
    }

    /** A SendMessage as the gateway forwards it: with the gateway's sessionId. */
    static String request(String messageId, String data) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
                  <soapenv:Body>
                    <ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types">
                      <request>
                        <requestInfo>
                          <messageId>%s</messageId>
                          <serviceId>TEST_SERVICE_ID</serviceId>
                          <messageDate>2026-11-23T10:00:00.000+05:00</messageDate>
                          <sender><senderId>dev-client</senderId><password>changeit</password></sender>
                          <sessionId>%s</sessionId>
                        </requestInfo>
                        <requestData>%s</requestData>
                      </request>
                    </ns2:SendMessage>
                  </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(messageId, SESSION_ID, data);
    }

    private static TestGateway.SoapResponse postAsGateway(String path, String envelope) throws Exception {
        return gateway().post(path, Envelopes.bytes(TestGateway.sign(envelope, pki().gateway())));
    }

    /** A business payload with an enveloped signature by {@code signer}, serialised without an XML declaration. */
    private static String signedPayload(IssuedCertificate signer) throws Exception {
        Document payload = parse("<cs:Request xmlns:cs=\"urn:test:cs\"><cs:iin>123456789011</cs:iin><amount>100</amount></cs:Request>");
        new XmlSigner(signer.privateKey(), signer.certificate()).signEnveloped(payload);
        StringWriter out = new StringWriter();
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new DOMSource(payload), new StreamResult(out));
        return out.toString();
    }

    private static X509Certificate signerOf(String envelope) {
        XmlSignatureVerifier verifier = new XmlSignatureVerifier(new AlgorithmTable(false), true,
                XmlSignatureVerifier.defaultIdAttributes(), List.of());
        VerifiedSignature signature = verifier.verify(parse(envelope), XmlSignatureVerifier.Mode.WSS);
        return signature.signer();
    }

    private static String statusMessage(TestGateway.SoapResponse answer) {
        return SyncMessages.text(responseInfo(parse(answer.body())), "status", "message");
    }

    private static Element responseInfo(Document answer) {
        return SyncMessages.child(SyncMessages.child(SyncMessages.bodyContent(answer), "response"), "responseInfo");
    }

    private static Element dataOf(Document answer) {
        Element response = SyncMessages.child(SyncMessages.bodyContent(answer), "response");
        return SyncMessages.child(SyncMessages.child(response, "responseData"), "data");
    }

    private static Element requestData(String request) {
        Element content = SyncMessages.bodyContent(parse(request));
        return SyncMessages.child(SyncMessages.child(SyncMessages.child(content, "request"), "requestData"), "data");
    }

    /** Inclusive C14N of the element (attributes, namespaces in scope, children, text, comments); both ends are signed envelopes with wsu declared on the Body. */

    private static String canonical(Element element) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS).canonicalizeSubtree(element, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) {
        return new SecureDocuments(XmlLimits.defaults()).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
