package org.qaqpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.e2e.TestGateway;

/** {@code qaqpa demo} with the shipped configuration: every application as the regulations say, exit 0. */
class DemoCommandTest {

    @TempDir
    Path data;

    @Test
    void runsTheEServicesAndExitsZeroWhenEveryApplicationMatched() {
        CliRun.Result demo = CliRun.run("demo", "--config", TestGateway.projectDir().resolve("config").toString(),
                "--data", data.toString());

        assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("FILM_CERT", "signature verified", "DOCUMENTS_INCOMPLETE")
                .contains("regional gateway", "FOREIGN_MEDIA_REG", "via psc", "RECEIVED -> IN_PROGRESS -> COMPLETED", "DATA_NOT_CONFIRMED")
                .containsPattern("(\\d+) of \\1 applications went as the regulations say\\.")
                .doesNotContain("MISMATCH", "OVER THE LIMIT");
        assertThat(Files.exists(data.resolve("pki"))).as("--data is kept").isTrue();
        assertThat(Files.exists(data.resolve("regional"))).as("the regional node's data, beside the national node's").isTrue();
    }

    @Test
    void refusesABadConfigurationDirectory() {
        CliRun.Result demo = CliRun.run("demo", "--config", data.resolve("missing").toString());

        assertThat(demo.exit()).isEqualTo(2);
    }
}
