package org.qaqpa.security.dsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.security.dsig.SignatureFixtures.PKI;
import static org.qaqpa.security.dsig.SignatureFixtures.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.security.dsig.XmlSignatureVerifier.Mode;
import org.qaqpa.security.pki.CertificateValidator;
import org.qaqpa.security.pki.RevocationMode;
import org.qaqpa.security.pki.TrustMaterial;

/**
 * Interop in both directions with two independent implementations: xmlsec1 (libxmlsec, Debian
 * package) and xml-crypto (npm, {@code test-tools/xml-crypto}). Both are installed by {@code .ci/run};
 * a missing tool fails the test with the command that installs it.
 */
class InteropTest {

    private static final String BODY_ID_ATTR = "http://schemas.xmlsoap.org/soap/envelope/:Body";

    @TempDir
    static Path dir;
    static Path pki;
    static Path xmlCrypto;

    @BeforeAll
    static void setUp() throws Exception {
        pki = dir.resolve("pki");
        PKI.writeTo(pki, "test".toCharArray());
        xmlCrypto = Path.of(System.getProperty("qaqpa.project.dir", ".")).resolve("test-tools/xml-crypto");
        assertThat(xmlCrypto.resolve("node_modules/xml-crypto")).as("run `npm ci` in test-tools/xml-crypto (.ci/run does)").exists();
        assertThat(run(List.of("xmlsec1", "--version")).exit).as("install xmlsec1: apt-get install -y xmlsec1").isZero();
    }

    @Test
    void xmlsec1VerifiesOurTransportSignature() throws Exception {
        Path signed = write("ours-wss.xml", SignatureFixtures.signedEnvelope(PKI.legalEntity(), XmlSigner.KeyInfoForm.BOTH));
        assertThat(xmlsec1Verify(signed, true).exit).isZero();
        Path tampered = write("ours-wss-tampered.xml", Files.readString(signed).replace("IIN123456789012", "IIN999999999999"));
        assertThat(xmlsec1Verify(tampered, true).exit).isNotZero();
    }

    @Test
    void xmlsec1VerifiesOurEnvelopedSignature() throws Exception {
        Path signed = write("ours-env.xml", SignatureFixtures.signedBusinessDocument(PKI.legalEntity()));
        assertThat(xmlsec1Verify(signed, false).exit).isZero();
    }

    @Test
    void weVerifyXmlsec1TransportSignature() throws Exception {
        Path template = write("template.xml", SignatureFixtures.ENVELOPE
                .replace("<soap:Envelope ", "<soap:Envelope xmlns:wsse=\"" + XmlNames.WSSE + "\" xmlns:wsu=\"" + XmlNames.WSU + "\" ")
                .replace("<soap:Header/>", "<soap:Header><wsse:Security soap:mustUnderstand=\"1\">" + signatureTemplate("#id-body-1",
                        "<ds:Transform Algorithm=\"" + XmlSigner.EXC_C14N + "\"/>", XmlSigner.EXC_C14N) + "</wsse:Security></soap:Header>")
                .replace("<soap:Body>", "<soap:Body wsu:Id=\"id-body-1\">"));
        Path signed = dir.resolve("xmlsec1-wss.xml");
        Result sign = run(List.of("xmlsec1", "--sign", "--privkey-pem", pem("legal-key.pem") + "," + pem("legal-cert.pem"),
                "--id-attr:Id", BODY_ID_ATTR, "--output", signed.toString(), template.toString()));
        assertThat(sign.exit).as(sign.output).isZero();
        assertAccepted(Files.readString(signed), Mode.WSS);
    }

    @Test
    void weVerifyXmlsec1EnvelopedSignature() throws Exception {
        Path template = write("env-template.xml", SignatureFixtures.BUSINESS_DOCUMENT.replace("</Request>",
                signatureTemplate("", "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                        + "<ds:Transform Algorithm=\"" + XmlSigner.C14N_WITH_COMMENTS + "\"/>", XmlSigner.C14N) + "</Request>"));
        Path signed = dir.resolve("xmlsec1-env.xml");
        Result sign = run(List.of("xmlsec1", "--sign", "--privkey-pem", pem("legal-key.pem") + "," + pem("legal-cert.pem"),
                "--output", signed.toString(), template.toString()));
        assertThat(sign.exit).as(sign.output).isZero();
        assertAccepted(Files.readString(signed), Mode.ENVELOPED);
    }

    @Test
    void xmlCryptoVerifiesOurSignatures() throws Exception {
        Path wss = write("ours-wss-xc.xml", SignatureFixtures.signedEnvelope(PKI.legalEntity(), XmlSigner.KeyInfoForm.BOTH));
        assertThat(xmlCrypto("verify.js", "--mode", "wss", "--cert", pem("legal-cert.pem"), wss.toString()).exit).isZero();
        Path env = write("ours-env-xc.xml", SignatureFixtures.signedBusinessDocument(PKI.legalEntity()));
        assertThat(xmlCrypto("verify.js", "--mode", "enveloped", "--cert", pem("legal-cert.pem"), env.toString()).exit).isZero();
        Path tampered = write("ours-env-xc-tampered.xml", Files.readString(env).replace("990140000123", "990140000999"));
        assertThat(xmlCrypto("verify.js", "--mode", "enveloped", "--cert", pem("legal-cert.pem"), tampered.toString()).exit)
                .isEqualTo(1);
    }

    @Test
    void weVerifyXmlCryptoSignatures() throws Exception {
        Path envelope = write("plain.xml", SignatureFixtures.ENVELOPE);
        Result wss = xmlCrypto("sign.js", "--mode", "wss", "--key", pem("legal-key.pem"), "--cert", pem("legal-cert.pem"),
                envelope.toString());
        assertThat(wss.exit).as(wss.output).isZero();
        assertAccepted(wss.output, Mode.WSS);
        Path document = write("plain-doc.xml", SignatureFixtures.BUSINESS_DOCUMENT);
        Result enveloped = xmlCrypto("sign.js", "--mode", "enveloped", "--key", pem("legal-key.pem"), "--cert",
                pem("legal-cert.pem"), document.toString());
        assertThat(enveloped.exit).as(enveloped.output).isZero();
        assertAccepted(enveloped.output, Mode.ENVELOPED);
    }

    private static void assertAccepted(String xml, Mode mode) {
        VerifiedSignature signature = SignatureFixtures.strictVerifier().verify(parse(xml), mode);
        assertThat(signature.signer()).isEqualTo(PKI.legalEntity().certificate());
        TrustMaterial trust = new TrustMaterial(List.of(PKI.root().certificate()), List.of(PKI.intermediate().certificate()),
                List.of(), RevocationMode.OFF);
        CertificateValidator.Purpose purpose = mode == Mode.WSS ? CertificateValidator.Purpose.TRANSPORT
                : CertificateValidator.Purpose.BUSINESS;
        assertThat(new CertificateValidator(trust).validate(signature.signer(), signature.presented(), Instant.now(), purpose)
                .subject().bin()).contains("123456789021");
    }

    private static String signatureTemplate(String uri, String transforms, String c14n) {
        return "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"" + c14n + "\"/>"
                + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
                + "<ds:Reference URI=\"" + uri + "\"><ds:Transforms>" + transforms + "</ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"" + XmlSigner.SHA256 + "\"/><ds:DigestValue/></ds:Reference>"
                + "</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>"
                + "</ds:Signature>";
    }

    private static Result xmlsec1Verify(Path file, boolean soapBody) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xmlsec1", "--verify", "--trusted-pem", pem("root-cert.pem"),
                "--untrusted-pem", pem("inter-cert.pem")));
        if (soapBody) {
            command.addAll(List.of("--id-attr:Id", BODY_ID_ATTR));
        }
        command.add(file.toString());
        return run(command);
    }

    private static Result xmlCrypto(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", xmlCrypto.resolve(script).toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String pem(String name) {
        return pki.resolve(name).toString();
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
