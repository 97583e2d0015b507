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

/** {@code qaqpa run} stops before starting anything, with exit 2 and one line, when the GOST provider class is unusable. */
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

    /** Runs {@code run --config DIR}, asserts exit 2 and returns the one line written to standard error. */
    private static String run(Path configDir) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new RunCommand()).execute("--config", configDir.toString(), "--data", configDir.resolve("data").toString());
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(text.lines()).hasSize(1);
        return text;
    }
}
