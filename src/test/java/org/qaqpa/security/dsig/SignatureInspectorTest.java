package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;
import static org.qaqpa.security.dsig.SignatureFixtures.serialize;
import static org.qaqpa.security.dsig.SignatureFixtures.signedBusinessDocument;
import static org.qaqpa.security.dsig.SignatureFixtures.strictVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.security.dsig.InspectedSignature.ChainStatus;
import org.qaqpa.security.dsig.XmlSignatureVerifier.Mode;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.NcaSubject;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;
import org.qaqpa.xml.SecureDocuments;
import org.qaqpa.xml.XmlLimits;
import org.w3c.dom.Document;

/**
 * The signatures of a stored envelope as the admin API shows them: a request signed with the development PKI, its
 * transport signature by the legal entity over the Body and the individual's enveloped signature of the data, each
 * verified and its signer's chain checked; then changed content, an unknown CA, a revoked signer and escaped data.
 */
class SignatureInspectorTest {

    private static final Instant NOW = Instant.now();

    @Test
    void reportsTransportAndDataSignaturesOfASignedRequest() {
        List<InspectedSignature> found = inspector(trusting(PKI)).inspect(parse(signedRequest()));

        assertThat(found).hasSize(2);
        InspectedSignature transport = found.get(0);
        assertThat(transport.mode()).isEqualTo(Mode.WSS);
        assertThat(transport.covers()).isEqualTo("soap:Body");
        assertThat(transport.valid()).as("%s", transport).isTrue();
        assertThat(transport.signer()).contains(PKI.legalEntity().certificate());
        assertThat(NcaSubject.of(transport.signer().get().getSubjectX500Principal()).bin()).contains("123456789021");
        assertThat(transport.algorithm()).endsWith("rsa-sha256");
        InspectedSignature data = found.get(1);
        assertThat(data.mode()).isEqualTo(Mode.ENVELOPED);
        assertThat(data.covers()).isEqualTo("Request");
        assertThat(data.valid()).as("%s", data).isTrue();
        assertThat(data.signer()).contains(PKI.individual().certificate());
        assertThat(data.references()).containsExactly("");
    }

    @Test
    void changedDataBreaksBothSignaturesAndStillNamesTheSigners() {
        String tampered = signedRequest().replace("990140000123", "990140000999");

        List<InspectedSignature> found = inspector(trusting(PKI)).inspect(parse(tampered));

        assertThat(found).hasSize(2).allSatisfy(signature -> {
            assertThat(signature.valid()).isFalse();
            assertThat(signature.problem()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
            assertThat(signature.chain().status()).isEqualTo(ChainStatus.TRUSTED);
        });
        assertThat(found.get(0).signer()).contains(PKI.legalEntity().certificate());
    }

    @Test
    void signerOfAnotherPkiIsUntrustedThoughTheSignatureVerifies() {
        DevPki other = DevPki.generate(Clock.systemUTC());

        InspectedSignature transport = inspector(trusting(other)).inspect(parse(signedRequest())).get(0);

        assertThat(transport.problem()).isEmpty();
        assertThat(transport.chain().status()).isEqualTo(ChainStatus.UNTRUSTED);
        assertThat(transport.chain().refusal()).hasValueSatisfying(r -> assertThat(r.getMessage()).contains("trusted root"));
        assertThat(transport.valid()).isFalse();
    }

    @Test
    void revokedSignerIsReportedRevoked() {
        TrustMaterial trust = new TrustMaterial(List.of(PKI.root().certificate()), List.of(PKI.intermediate().certificate()),
                List.of(PKI.crl(List.of(PKI.legalEntity().certificate()), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))),
                        PKI.rootCrl(List.of(), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)))), RevocationMode.CRL);

        InspectedSignature transport = inspector(Optional.of(new CertificateValidator(trust))).inspect(parse(signedRequest())).get(0);

        assertThat(transport.chain().status()).isEqualTo(ChainStatus.REVOKED);
    }

    @Test
    void findsTheSignatureOfDataSentAsEscapedXmlAndChecksNoChainWithoutValidator() {
        String escaped = signedBusinessDocument(PKI.individual()).replaceFirst("^<\\?xml[^>]*>", "")
                .replace("&", "&amp;").replace("<", "&lt;");
        Document envelope = parse(SignatureFixtures.ENVELOPE.replace("<data>IIN123456789012</data>",
                "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">" + escaped + "</data>"));

        List<InspectedSignature> found = inspector(Optional.empty()).inspect(envelope);

        assertThat(found).singleElement().satisfies(data -> {
            assertThat(data.mode()).isEqualTo(Mode.ENVELOPED);
            assertThat(data.problem()).isEmpty();
            assertThat(data.signer()).contains(PKI.individual().certificate());
            assertThat(data.chain().status()).isEqualTo(ChainStatus.NOT_CHECKED);
        });
    }

    @Test
    void unsignedEnvelopeHasNoSignature() {
        assertThat(inspector(trusting(PKI)).inspect(parse(SignatureFixtures.ENVELOPE))).isEmpty();
    }

    /** The SendMessage whose data is the individual's signed business document, then signed for transport. */
    private static String signedRequest() {
        String data = signedBusinessDocument(PKI.individual()).replaceFirst("^<\\?xml[^>]*>", "");
        Document envelope = parse(SignatureFixtures.ENVELOPE.replace("<data>IIN123456789012</data>", "<data>" + data + "</data>"));
        new XmlSigner(PKI.legalEntity().privateKey(), PKI.legalEntity().certificate())
                .signTransport(envelope, XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        return serialize(envelope);
    }

    private static Optional<CertificateValidator> trusting(DevPki pki) {
        return Optional.of(new CertificateValidator(new TrustMaterial(List.of(pki.root().certificate()),
                List.of(pki.intermediate().certificate()), List.of(), RevocationMode.OFF)));
    }

    private static SignatureInspector inspector(Optional<CertificateValidator> certificates) {
        return new SignatureInspector(strictVerifier(), certificates, new SecureDocuments(XmlLimits.defaults()), Clock.systemUTC());
    }
}
