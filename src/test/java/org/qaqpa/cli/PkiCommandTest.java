package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.security.pki.IssuedCertificate;
import org.qaqpa.security.pki.TrustMaterial;
import picocli.CommandLine;

class PkiCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void initWritesThePkiAndListsTheFiles() {
        Path pki = dir.resolve("pki");

        assertThat(run("pki", "init", "--out", pki.toString())).isZero();

        for (String name : List.of("root-cert.pem", "inter-cert.pem", "crl.pem", "gateway-cert.pem", "gateway-key.pem",
                "gateway.p12", "region.p12", "region-cert.pem", "echo.p12", "echo-cert.pem", "individual.p12", "legal.p12", "officer.p12", "ocsp.p12")) {
            assertThat(pki.resolve(name)).isNotEmptyFile();
            assertThat(out.toString()).contains(name);
        }
        assertThat(TrustMaterial.readCertificates(pki.resolve("root-cert.pem"))).hasSize(1);
    }

    @Test
    void initUsesTheDevelopmentPasswordWithAWarningWhenNoneIsSet() {
        assumeTrue(System.getenv("QAQPA_PKI_PASSWORD") == null, "QAQPA_PKI_PASSWORD is set in this environment");

        assertThat(run("pki", "init", "--out", dir.toString())).isZero();

        assertThat(err.toString()).contains("warning").contains("development password");
        assertThat(IssuedCertificate.readPkcs12(dir.resolve("legal.p12"), "changeit".toCharArray()).chain()).hasSize(2);
    }

    @Test
    void initReadsThePasswordFromTheNamedVariable() {
        String password = System.getenv("PATH");
        assumeTrue(password != null, "PATH is not set");

        assertThat(run("pki", "init", "--out", dir.toString(), "--pass-env", "PATH")).isZero();

        assertThat(err.toString()).doesNotContain("warning");
        assertThat(IssuedCertificate.readPkcs12(dir.resolve("officer.p12"), password.toCharArray()).certificate()).isNotNull();
    }

    @Test
    void initRefusesUnsetPasswordVariableWithUsageExit() {
        String unset = "QAQPA_TEST_UNSET_" + UUID.randomUUID().toString().replace('-', '_');

        assertThat(run("pki", "init", "--out", dir.toString(), "--pass-env", unset)).isEqualTo(2);

        assertThat(err.toString()).contains(unset).contains("not set");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void initRefusesNonEmptyDirectoryWithoutForce() throws Exception {
        Files.writeString(dir.resolve("root-cert.pem"), "precious");

        assertThat(run("pki", "init", "--out", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("not empty").contains("--force");
        assertThat(dir.resolve("root-cert.pem")).hasContent("precious");
    }

    @Test
    void initOverwritesNonEmptyDirectoryWithForce() throws Exception {
        Files.writeString(dir.resolve("root-cert.pem"), "old");

        assertThat(run("pki", "init", "--out", dir.toString(), "--force")).isZero();

        assertThat(TrustMaterial.readCertificates(dir.resolve("root-cert.pem"))).hasSize(1);
    }

    @Test
    void initExitsOneWhenTheDirectoryCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThat(run("pki", "init", "--out", file.resolve("pki").toString())).isEqualTo(1);

        assertThat(err.toString()).contains("cannot");
    }

    @Test
    void initRefusesUnknownOptionWithUsageExit() {
        assertThat(run("pki", "init", "--bogus")).isEqualTo(2);
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new QaqpaCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void revokeListsTheSerialAndReissuesTheCrl() throws Exception {
        assumeTrue(System.getenv("QAQPA_PKI_PASSWORD") == null, "QAQPA_PKI_PASSWORD is set in this environment");
        assertThat(run("pki", "init", "--out", dir.toString())).isZero();
        var legal = TrustMaterial.readCertificates(dir.resolve("legal-cert.pem")).get(0);
        var officer = TrustMaterial.readCertificates(dir.resolve("officer-cert.pem")).get(0);

        assertThat(run("pki", "revoke", "--dir", dir.toString(), legal.getSerialNumber().toString(16))).isZero();
        assertThat(run("pki", "revoke", "--dir", dir.toString(), "--cert", dir.resolve("officer-cert.pem").toString())).isZero();

        var crl = TrustMaterial.readCrl(dir.resolve("crl.pem"));
        assertThat(crl.getRevokedCertificate(legal.getSerialNumber())).isNotNull();
        assertThat(crl.getRevokedCertificate(officer.getSerialNumber())).isNotNull();
        crl.verify(TrustMaterial.readCertificates(dir.resolve("inter-cert.pem")).get(0).getPublicKey());
        assertThat(Files.readString(dir.resolve("revoked.txt"))).contains(legal.getSerialNumber().toString(16));
        assertThat(out.toString()).contains("revoked " + legal.getSerialNumber().toString(16));
    }

    @Test
    void revokeRefusesABadSerialAndADirectoryWithoutTheCaKey() {
        assertThat(run("pki", "revoke", "--dir", dir.toString(), "xyz")).isEqualTo(2);
        assertThat(err.toString()).contains("not a hex serial number: xyz");

        assertThat(run("pki", "revoke", "--dir", dir.toString(), "0a:1b")).isEqualTo(2);
        assertThat(err.toString()).contains("holds no development CA key");

        assertThat(run("pki", "revoke", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("a SERIAL or --cert PEM");
    }
}
