package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.e2e.Envelopes.bytes;
import static org.qaqpa.e2e.Envelopes.sendMessage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaqpa.e2e.TestGateway.SoapResponse;
import org.qaqpa.error.ErrorCode;
import java.util.List;
import org.qaqpa.security.dsig.AlgorithmTable;
import org.qaqpa.security.dsig.VerifiedSignature;
import org.qaqpa.security.dsig.XmlSignatureVerifier;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;

/**
 * The transport signature at the gateway, over HTTP: a request signed by a member of the trusted
 * PKI passes to routing; each forgery is refused with its exact code before any route runs.
 */
@ExtendWith(SharedGateway.class)
class SignedRequestTest {

    private static final String SYNC_FAULT = "{http://bip.bee.kz/SyncChannel/v10/Types}SendMessageFault1_SendMessageFault";

    @Test
    void acceptsRequestSignedByTrustedMember() throws Exception {
        // Past the signature check the request reaches routing, which knows no provider yet.
        assertRefused(SharedGateway.gateway().postSigned("/bip-sync/", sendMessage("NO_SUCH_SERVICE", "x")),
                ErrorCode.SERVICE_NOT_FOUND);
    }

    @Test
    void acceptsRequestSignedByTrustedGostMember() throws Exception {
        String signed = TestGateway.sign(Envelopes.sendMessage("NO_SUCH_SERVICE", "x", java.util.UUID.randomUUID().toString(),
                "dev-individual", Envelopes.PASSWORD), pki().gostIndividual());
        assertThat(signed).contains("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512");
        SoapResponse response = post(signed);
        assertRefused(response, ErrorCode.SERVICE_NOT_FOUND);
        // an authenticated sender: the answer is signed (by the gateway's RSA key)
        assertThat(response.body()).contains("<ds:SignatureValue>");
    }

    @Test
    void refusesTamperedGostBody() throws Exception {
        String signed = TestGateway.sign(sendMessage("NO_SUCH_SERVICE", "IIN123456789012"), pki().gostIndividual());
        assertRefused(post(signed.replace("IIN123456789012", "IIN999999999999")), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesGostSignerFromAnotherPki() throws Exception {
        IssuedCertificate stranger = DevPki.generate(Clock.systemUTC()).gostIndividual();
        assertRefused(post(TestGateway.sign(sendMessage("X", "x"), stranger)), ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void answersAreSignedByTheGateway() throws Exception {
        SoapResponse response = SharedGateway.gateway().postSigned("/bip-sync/", sendMessage("NO_SUCH_SERVICE", "x"));
        VerifiedSignature signature = new XmlSignatureVerifier(new AlgorithmTable(false), true,
                XmlSignatureVerifier.defaultIdAttributes(), List.of()).verify(response.document(), XmlSignatureVerifier.Mode.WSS);
        assertThat(signature.signer()).isEqualTo(pki().gateway().certificate());
        assertThat(response.body()).contains("KeyIdentifier", "xml-exc-c14n#");
    }

    @Test
    void refusalsOfUnauthenticatedRequestsAreNotSigned() throws Exception {
        SoapResponse unsigned = post(sendMessage("NO_SUCH_SERVICE", "x"));
        assertThat(unsigned.errorCode()).isEqualTo(ErrorCode.SIGNATURE_MISSING.name());
        assertThat(unsigned.body()).doesNotContain("<wsse:Security", "<ds:Signature");
    }

    @Test
    void refusesUnsignedRequest() throws Exception {
        assertRefused(post(sendMessage("NO_SUCH_SERVICE", "x")), ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void refusesTamperedBody() throws Exception {
        String signed = TestGateway.sign(sendMessage("NO_SUCH_SERVICE", "IIN123456789012"), pki().legalEntity());
        assertRefused(post(signed.replace("IIN123456789012", "IIN999999999999")), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesSignedBodyMovedIntoHeader() throws Exception {
        String signed = TestGateway.sign(sendMessage("NO_SUCH_SERVICE", "IIN123456789012"), pki().legalEntity());
        String body = signed.substring(signed.indexOf("<soapenv:Body"), signed.indexOf("</soapenv:Body>") + "</soapenv:Body>".length());
        String forged = "<soapenv:Body>" + body.substring(body.indexOf('>') + 1).replace("IIN123456789012", "IIN999999999999");
        String wrapped = signed.replace(body, forged).replace("</wsse:Security>", "</wsse:Security>" + body);
        assertRefused(post(wrapped), ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesSignerFromAnotherPki() throws Exception {
        IssuedCertificate stranger = DevPki.generate(Clock.systemUTC()).legalEntity();
        assertRefused(post(TestGateway.sign(sendMessage("X", "x"), stranger)), ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesTheGatewaysOwnCertificateAsSigner() throws Exception {
        assertRefused(post(TestGateway.sign(sendMessage("X", "x"), pki().gateway())), ErrorCode.CERT_UNTRUSTED);
    }

    @Test
    void refusesForgedBodyInAHeaderBeforeTheSignedBody() throws Exception {
        String signed = TestGateway.sign(sendMessage("SIGNED_SVC", "x"), pki().legalEntity());
        String forged = "<soapenv:Body><ns2:SendMessage xmlns:ns2=\"http://bip.bee.kz/SyncChannel/v10/Types\"><request>"
                + "<requestInfo><messageId>f</messageId><serviceId>FORGED_SVC</serviceId><messageDate>2026-11-23T10:00:00Z"
                + "</messageDate><sender><senderId>x</senderId></sender></requestInfo><requestData/></request>"
                + "</ns2:SendMessage></soapenv:Body>";
        assertRefused(post(signed.replace("</wsse:Security>", "</wsse:Security><Block>" + forged + "</Block>")),
                ErrorCode.SIGNATURE_COVERAGE);
    }

    @Test
    void refusesExpiredSigner() throws Exception {
        Instant now = Instant.now();
        IssuedCertificate expired = pki().issue(LeafSpec.signing("CN=EXPIRED, SERIALNUMBER=IIN123456789013, C=KZ", now)
                .validity(now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS)));
        assertRefused(post(TestGateway.sign(sendMessage("X", "x"), expired)), ErrorCode.CERT_EXPIRED);
    }

    @Test
    void refusesEnciphermentOnlySigner() throws Exception {
        IssuedCertificate encipherment = pki().issue(LeafSpec.signing("CN=ENCIPHER, SERIALNUMBER=IIN123456789015, C=KZ",
                Instant.now()).keyUsage(false, false, true));
        assertRefused(post(TestGateway.sign(sendMessage("X", "x"), encipherment)), ErrorCode.CERT_KEY_USAGE);
    }

    private static DevPki pki() {
        return SharedGateway.gateway().pki();
    }

    private static SoapResponse post(String envelope) throws Exception {
        return SharedGateway.gateway().post("/bip-sync/", bytes(envelope));
    }

    private static void assertRefused(SoapResponse response, ErrorCode code) {
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errorCode()).as(response.detailText("errorMessage")).isEqualTo(code.name());
        assertThat(response.detailElement()).isEqualTo(SYNC_FAULT);
        assertThat(response.body()).doesNotContain("Exception", "at org.", "java.");
    }
}
