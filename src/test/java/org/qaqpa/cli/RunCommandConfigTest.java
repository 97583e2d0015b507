package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code qaqpa run} stops before starting anything, with exit 2 and one line, when the GOST provider class is
 * unusable or the federation options do not fit the configuration.
 */
class RunCommandConfigTest {

    @Test
    void exitsTwoWhenTheJceProviderClassIsMissing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("qaqpa.yaml"), "security:\n  jce-provider: kz.gov.pki.kalkan.jce.provider.KalkanProvider\n");
        assertThat(run(dir)).isEqualTo(dir.resolve("qaqpa.yaml") + ":2: 'security.jce-provider' names class"
                + " kz.gov.pki.kalkan.jce.provider.KalkanProvider, which is not on the class path"
                + " (put the provider's jar in lib/ or on -cp; empty: Bouncy Castle)");
    }

    @Test
    void exitsTwoWhenTheJceProviderClassIsNotAProvider(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("qaqpa.yaml"), "security:\n  jce-provider: java.lang.String\n");
        assertThat(run(dir)).contains(":2: 'security.jce-provider' names class java.lang.String, which is not a java.security.Provider");
    }

    @Test
    void exitsTwoWhenTheProfileFileSaysAnotherProfile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regional.yaml"), "server:\n  port: 8090\n");
        assertThat(run(dir, "--profile", "regional")).isEqualTo(dir.resolve("regional.yaml")
                + ": 'federation.profile' is national, but --profile regional was given");
    }

    @Test
    void exitsTwoForAnUnknownProfile(@TempDir Path dir) {
        assertThat(run(dir, "--profile", "district")).isEqualTo("--profile must be one of national, regional, got 'district'");
    }

    @Test
    void exitsTwoWhenTheNationalNodeIsGivenAnUpstream(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("qaqpa.yaml"), "");
        assertThat(run(dir, "--upstream", "http://127.0.0.1:8080/bip-sync/"))
                .isEqualTo("--upstream is for a regional node (--profile regional)");
    }

    @Test
    void exitsTwoWhenThePkiDirectoryHoldsNoPki(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("qaqpa.yaml"), "");
        Path empty = Files.createDirectories(dir.resolve("no-pki"));
        assertThat(run(dir, "--pki", empty.toString())).isEqualTo("--pki names " + empty + ", which holds no development PKI"
                + " (no root-cert.pem); name the pki/ directory of the national node's data directory");
    }

    @Test
    void exitsTwoWhenARegionalNodeOnProductionTrustHasNoPassword(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("regional.yaml"), """
                security:
                  trust-dir: /etc/qaqpa/trust
                  keystore: /etc/qaqpa/region.p12
                federation:
                  profile: regional
                  sender-id: almaty-region
                  password-env: QAQPA_TEST_UNSET_FEDERATION_PASSWORD
                  upstream:
                    url: https://shep.example.kz/bip-sync/
                    bin: "990340000017"
                """);
        assertThat(run(dir, "--profile", "regional")).isEqualTo(dir.resolve("regional.yaml") + ": 'federation.password-env'"
                + " names the environment variable QAQPA_TEST_UNSET_FEDERATION_PASSWORD, which is not set (the node's"
                + " password at the national gateway)");
    }

    /** Runs {@code run --config DIR} and {@code options}, asserts exit 2 and returns the one line written to standard error. */
    private static String run(Path configDir, String... options) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            String[] args = new String[options.length + 4];
            args[0] = "--config";
            args[1] = configDir.toString();
            args[2] = "--data";
            args[3] = configDir.resolve("data").toString();
            System.arraycopy(options, 0, args, 4, options.length);
            exit = new CommandLine(new RunCommand()).execute(args);
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(text.lines()).hasSize(1);
        return text;
    }
}
