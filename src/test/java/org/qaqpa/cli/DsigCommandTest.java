package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.cli.CliRun.Result;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.LeafSpec;

/**
 * {@code qaqpa dsig sign|verify} in-process: the exit codes 0 valid, 1 invalid, 2 refused, 3 usage,
 * the JSON report, and the key-usage rule the interop policy drops.
 */
class DsigCommandTest {

    @TempDir
    static Path dir;
    static DevPki pki;

    @BeforeAll
    static void writePki() throws Exception {
        pki = DevPki.generate(Clock.systemUTC());
        pki.writeTo(dir.resolve("pki"), "test".toCharArray());
        Files.writeString(dir.resolve("envelope.xml"), """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:SendMessage xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><request><requestInfo><messageId>cli-1</messageId><serviceId>X</serviceId><messageDate>2026-11-23T10:00:00Z</messageDate><sender><senderId>cli</senderId></sender></requestInfo><requestData><data>IIN123456789012</data></requestData></request></ns2:SendMessage></soap:Body></soap:Envelope>""");
        Files.writeString(dir.resolve("document.xml"), "<Request xmlns=\"urn:x\"><BIN>990140000123</BIN></Request>");
    }

    @Test
    void signsAndVerifiesTransportSignature() throws Exception {
        assertThat(run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_TEST_P12",
                "--out", file("signed.xml")).exit()).isEqualTo(0);
        Result verify = run("dsig", "verify", file("signed.xml"), "--trust", pkiFile("root-cert.pem"),
                "--untrusted", pkiFile("inter-cert.pem"), "--json");
        assertThat(verify.exit()).isEqualTo(0);
        assertThat(verify.out()).startsWith("{\"result\":\"valid\",\"errorCode\":null")
                .contains("\"iin\":\"123456789011\"", "\"bin\":\"123456789021\"", "\"references\":[\"#id-");
    }

    @Test
    void signsAndVerifiesEnvelopedSignature() throws Exception {
        assertThat(run("dsig", "sign", file("document.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_TEST_P12",
                "--mode", "enveloped", "--out", file("signed-doc.xml")).exit()).isEqualTo(0);
        assertThat(run("dsig", "verify", file("signed-doc.xml"), "--trust", pkiFile("root-cert.pem"),
                "--untrusted", pkiFile("inter-cert.pem")).exit()).isEqualTo(0);
    }

    @Test
    void signsAndVerifiesWithTheGostIndividualInBothModes() throws Exception {
        assertThat(run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("gost-individual.p12"), "--pass-env",
                "QAQPA_TEST_P12", "--out", file("gost-signed.xml")).exit()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("gost-signed.xml")))
                .contains("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512");
        Result transport = run("dsig", "verify", file("gost-signed.xml"), "--trust", pkiFile("gost-root-cert.pem"),
                "--untrusted", pkiFile("gost-inter-cert.pem"), "--crl", pkiFile("gost-crl.pem"), "--json");
        assertThat(transport.exit()).as(transport.out()).isEqualTo(0);
        assertThat(transport.out()).contains("\"iin\":\"123456789011\"");

        assertThat(run("dsig", "sign", file("document.xml"), "--key", pkiFile("gost-individual.p12"), "--pass-env",
                "QAQPA_TEST_P12", "--mode", "enveloped", "--out", file("gost-signed-doc.xml")).exit()).isEqualTo(0);
        Result enveloped = run("dsig", "verify", file("gost-signed-doc.xml"), "--trust", pkiFile("gost-root-cert.pem"),
                "--untrusted", pkiFile("gost-inter-cert.pem"));
        assertThat(enveloped.exit()).as(enveloped.out()).isEqualTo(0);

        Files.writeString(dir.resolve("gost-tampered.xml"),
                Files.readString(dir.resolve("gost-signed.xml")).replace("IIN123456789012", "IIN999999999999"));
        assertThat(run("dsig", "verify", file("gost-tampered.xml"), "--trust", pkiFile("gost-root-cert.pem"),
                "--untrusted", pkiFile("gost-inter-cert.pem")).exit()).isEqualTo(1);
    }

    @Test
    void tamperedDocumentExitsOne() throws Exception {
        run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_TEST_P12",
                "--out", file("to-tamper.xml"));
        Files.writeString(dir.resolve("tampered.xml"),
                Files.readString(dir.resolve("to-tamper.xml")).replace("IIN123456789012", "IIN999999999999"));
        Result verify = run("dsig", "verify", file("tampered.xml"), "--trust", pkiFile("root-cert.pem"),
                "--untrusted", pkiFile("inter-cert.pem"), "--json");
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).startsWith("{\"result\":\"invalid\",\"errorCode\":\"SIGNATURE_INVALID\"");
    }

    @Test
    void untrustedSignerExitsTwo() throws Exception {
        run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_TEST_P12",
                "--out", file("for-other-root.xml"));
        DevPki other = DevPki.generate(Clock.systemUTC());
        other.writeTo(dir.resolve("other"), "test".toCharArray());
        Result verify = run("dsig", "verify", file("for-other-root.xml"), "--trust", dir.resolve("other/root-cert.pem").toString());
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.out()).contains("CERT_UNTRUSTED");
    }

    @Test
    void interopPolicyDropsKeyUsage() throws Exception {
        Instant now = Instant.now();
        IssuedCertificate encipherOnly = pki.issue(LeafSpec.signing("CN=ENCIPHER ONLY, SERIALNUMBER=IIN123456789015, C=KZ", now)
                .keyUsage(false, false, true));
        Path p12 = dir.resolve("enc.p12");
        try (var out = Files.newOutputStream(p12)) {
            encipherOnly.toPkcs12("enc", "test".toCharArray()).store(out, "test".toCharArray());
        }
        run("dsig", "sign", file("envelope.xml"), "--key", p12.toString(), "--pass-env", "QAQPA_TEST_P12",
                "--out", file("enc-signed.xml"));
        List<String> verify = List.of("dsig", "verify", file("enc-signed.xml"), "--trust", pkiFile("root-cert.pem"),
                "--untrusted", pkiFile("inter-cert.pem"));
        Result strict = run(verify.toArray(String[]::new));
        assertThat(strict.exit()).isEqualTo(2);
        assertThat(strict.out()).contains("CERT_KEY_USAGE");
        assertThat(run(concat(verify, "--policy", "interop")).exit()).isEqualTo(0);
    }

    @Test
    void verifiesAtAGivenInstant() throws Exception {
        run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_TEST_P12",
                "--out", file("at.xml"));
        String future = Instant.now().plus(3650 * 3, ChronoUnit.DAYS).toString();
        Result verify = run("dsig", "verify", file("at.xml"), "--trust", pkiFile("root-cert.pem"),
                "--untrusted", pkiFile("inter-cert.pem"), "--at", future);
        assertThat(verify.exit()).isEqualTo(2);
        assertThat(verify.out()).contains("CERT_EXPIRED");
    }

    @Test
    void usageErrorsExitThree() throws Exception {
        assertThat(run("dsig", "verify", file("missing.xml"), "--trust", pkiFile("root-cert.pem")).exit()).isEqualTo(3);
        assertThat(run("dsig", "verify", file("envelope.xml"), "--trust", pkiFile("root-cert.pem"), "--at", "yesterday").exit())
                .isEqualTo(3);
        assertThat(run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_NO_SUCH_VAR").exit())
                .isEqualTo(3);
        assertThat(run("dsig", "sign", file("envelope.xml"), "--key", pkiFile("legal.p12"), "--pass-env", "QAQPA_WRONG_P12").exit())
                .isEqualTo(3);
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static String pkiFile(String name) {
        return dir.resolve("pki").resolve(name).toString();
    }


}
