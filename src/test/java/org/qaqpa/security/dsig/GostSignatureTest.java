package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;
import static org.qaqpa.security.dsig.SignatureFixtures.serialize;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.spec.ECNamedCurveGenParameterSpec;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.security.dsig.XmlSignatureVerifier.Mode;
import org.qaqpa.security.pki.BouncyCastle;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.KeyAlgorithm;
import org.qaqpa.security.pki.LeafSpec;
import org.w3c.dom.Document;

/** GOST R 34.10-2015 signatures under the NCA's pkigovkz URIs (shep-contract.md §2.3), through Bouncy Castle. */
class GostSignatureTest {

    private static final IssuedCertificate GOST_256 =
            PKI.issueGost(LeafSpec.signing(org.qaqpa.security.pki.DevPki.INDIVIDUAL_DN, Instant.now()), KeyAlgorithm.GOST_256);

    enum Size {
        GOST_256(GostAlgorithms.SIGNATURE_256, GostAlgorithms.DIGEST_256, 64),
        GOST_512(GostAlgorithms.SIGNATURE_512, GostAlgorithms.DIGEST_512, 128);

        final String signatureUri;
        final String digestUri;
        final int signatureBytes;

        Size(String signatureUri, String digestUri, int signatureBytes) {
            this.signatureUri = signatureUri;
            this.digestUri = digestUri;
            this.signatureBytes = signatureBytes;
        }

        IssuedCertificate signer() {
            return this == GOST_256 ? GostSignatureTest.GOST_256 : PKI.gostIndividual();
        }
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void signsAndVerifiesTransportSignature(Size size) {
        String signed = SignatureFixtures.signedEnvelope(size.signer(), XmlSigner.KeyInfoForm.BOTH);
        assertThat(signed).contains("Algorithm=\"" + size.signatureUri + "\"", "Algorithm=\"" + size.digestUri + "\"");
        VerifiedSignature result = verifier().verify(parse(signed), Mode.WSS);
        assertThat(result.signer()).isEqualTo(size.signer().certificate());
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void signsAndVerifiesEnvelopedSignature(Size size) {
        String signed = SignatureFixtures.signedBusinessDocument(size.signer());
        assertThat(signed).contains("Algorithm=\"" + size.signatureUri + "\"", "Algorithm=\"" + size.digestUri + "\"");
        VerifiedSignature result = verifier().verify(parse(signed), Mode.ENVELOPED);
        assertThat(result.signer()).isEqualTo(size.signer().certificate());
    }

    /** Bouncy Castle's value is kept as it is: the fixed-length s || r, not DER (whose length would vary). */
    @ParameterizedTest
    @EnumSource(Size.class)
    void signatureValueIsTheProvidersFixedLengthEncoding(Size size) {
        String signed = SignatureFixtures.signedEnvelope(size.signer(), XmlSigner.KeyInfoForm.KEY_IDENTIFIER);
        assertThat(decode(signatureValue(signed))).hasSize(size.signatureBytes);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void refusesTamperedContent(Size size) {
        String signed = SignatureFixtures.signedEnvelope(size.signer(), XmlSigner.KeyInfoForm.BOTH);
        assertRefused(signed.replace("IIN123456789012", "IIN999999999999"), Mode.WSS, ErrorCode.SIGNATURE_INVALID);
        String document = SignatureFixtures.signedBusinessDocument(size.signer());
        assertRefused(document.replace("990140000123", "990140000999"), Mode.ENVELOPED, ErrorCode.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void refusesTamperedSignatureValue(Size size) {
        String signed = SignatureFixtures.signedEnvelope(size.signer(), XmlSigner.KeyInfoForm.BOTH);
        byte[] value = decode(signatureValue(signed));
        value[value.length / 2] ^= 1;
        String tampered = signed.replace(signatureValue(signed), Base64.getEncoder().encodeToString(value));
        assertRefused(tampered, Mode.WSS, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesSignatureMadeWithAnotherGostKey() {
        String signed = SignatureFixtures.signedEnvelope(PKI.gostIndividual(), XmlSigner.KeyInfoForm.X509_DATA);
        String otherKey = SignatureFixtures.signedEnvelope(PKI.issueGost(LeafSpec.signing(
                org.qaqpa.security.pki.DevPki.INDIVIDUAL_DN, Instant.now()), KeyAlgorithm.GOST_512), XmlSigner.KeyInfoForm.X509_DATA);
        assertRefused(signed.replace(signatureValue(signed), signatureValue(otherKey)), Mode.WSS, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesLegacyGostAlgorithmsByName() {
        String signed = SignatureFixtures.signedEnvelope(PKI.gostIndividual(), XmlSigner.KeyInfoForm.BOTH);
        QaqpaFault fault = refusal(signed.replace(GostAlgorithms.SIGNATURE_512, AlgorithmTable.LEGACY_GOST_SIGNATURE), Mode.WSS);
        assertThat(fault.code()).isEqualTo(ErrorCode.ALGORITHM_FORBIDDEN);
        assertThat(fault.getMessage()).contains("GOST 34.310-2004");
        assertRefused(signed.replace(GostAlgorithms.DIGEST_512, AlgorithmTable.LEGACY_GOST_DIGEST), Mode.WSS,
                ErrorCode.ALGORITHM_FORBIDDEN);
    }

    @Test
    void refusesGostKeyOfAnotherFamily() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ECGOST3410", BouncyCastle.PROVIDER);
        generator.initialize(new ECNamedCurveGenParameterSpec("GostR3410-2001-CryptoPro-A"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=GOST 2001 KEY");
        Instant now = Instant.now();
        X509Certificate gost2001 = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("GOST3411WITHECGOST3410").setProvider(BouncyCastle.PROVIDER)
                        .build(keys.getPrivate())));
        String signed = SignatureFixtures.signedEnvelope(PKI.gostIndividual(), XmlSigner.KeyInfoForm.X509_DATA);
        String encoded = Base64.getEncoder().encodeToString(PKI.gostIndividual().certificate().getEncoded());
        String swapped = signed.replaceFirst("(?s)<ds:X509Certificate>.*</ds:X509Certificate>",
                "<ds:X509Certificate>" + Base64.getEncoder().encodeToString(gost2001.getEncoded()) + "</ds:X509Certificate>");
        assertThat(swapped).doesNotContain(encoded);
        QaqpaFault fault = refusal(swapped, Mode.WSS);
        assertThat(fault.code()).isEqualTo(ErrorCode.CERT_UNTRUSTED);
        assertThat(fault.getMessage()).contains("not GOST R 34.10-2015");
    }

    private static XmlSignatureVerifier verifier() {
        return new XmlSignatureVerifier(new AlgorithmTable(false), true, XmlSignatureVerifier.defaultIdAttributes(), List.of());
    }

    private static String signatureValue(String signed) {
        Matcher m = Pattern.compile("(?s)<ds:SignatureValue>(.*?)</ds:SignatureValue>").matcher(signed);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Santuario breaks long values into lines and serialisation writes the carriage returns as {@code &#13;}. */
    private static byte[] decode(String value) {
        return Base64.getMimeDecoder().decode(value.replace("&#13;", ""));
    }

    private static QaqpaFault refusal(String xml, Mode mode) {
        Document document = parse(xml);
        QaqpaFault fault = catchThrowableOfType(QaqpaFault.class, () -> verifier().verify(document, mode));
        assertThat(fault).as("expected a refusal").isNotNull();
        return fault;
    }

    private static void assertRefused(String xml, Mode mode, ErrorCode expected) {
        QaqpaFault fault = refusal(xml, mode);
        assertThat(fault.code()).as(fault.getMessage()).isEqualTo(expected);
    }
}
