package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.qaqpa.registry.RegistryTestFiles.oneMember;
import static org.qaqpa.registry.RegistryTestFiles.oneService;
import static org.qaqpa.registry.RegistryTestFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.qaqpa.config.GatewayConfig;

class RegistryFilesTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothFilesAtStart() {
        try (RegistryFiles registries = load(Duration.ZERO)) {
            assertThat(registries.members().find("a")).isPresent();
            assertThat(registries.services().find("S1")).isPresent();
            assertThat(registries.problem()).isEmpty();
        }
    }

    @Test
    void refusesABadFileAtStart() {
        writeMembers(oneMember("a", "S1"));
        writeServices("services:\n  S1:\n    url: /x\n");

        assertThatThrownBy(() -> RegistryFiles.load(config(Duration.ZERO), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("services.yaml") + ":2: 'services.S1' needs 'certificates', 'iin' or 'bin':"
                        + " which signing certificates are its own");
    }

    @Test
    void startsEmptyWithoutTheFilesAndLoadsThemWhenTheyAppear() {
        try (RegistryFiles registries = RegistryFiles.load(config(Duration.ZERO), dir)) {
            assertThat(registries.members().size()).isZero();
            assertThat(registries.services().size()).isZero();

            writeMembers(oneMember("a", "S1"));
            registries.checkNow();

            assertThat(registries.members().find("a")).isPresent();
        }
    }

    @Test
    void reloadsAChangedFileWithoutRestart() {
        try (RegistryFiles registries = load(Duration.ofMillis(50))) {
            registries.start();

            writeMembers(oneMember("b", "S1"));
            writeServices(oneService("S2"));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(registries.members().find("b")).isPresent();
                assertThat(registries.services().find("S2")).isPresent();
            });
            assertThat(registries.members().find("a")).isEmpty();
            assertThat(registries.services().find("S1")).isEmpty();
        }
    }

    @Test
    void keepsTheOldRegistryWhenTheChangedFileIsBad() {
        try (RegistryFiles registries = load(Duration.ZERO)) {
            writeMembers(oneMember("b", "S1") + "    colour: blue\n");

            registries.checkNow();

            assertThat(registries.members().find("a")).as("the old member stays").isPresent();
            assertThat(registries.members().find("b")).isEmpty();
            assertThat(registries.problem()).contains(dir.resolve("members.yaml") + ":6: unknown key 'members.b.colour'"
                    + " (known keys in 'members.b': password-hash, certificates, iin, bin, services, rate-limit, async-url, node, disabled, tls-client-certificate, max-request-size)");

            writeMembers(oneMember("b", "S1"));
            registries.checkNow();

            assertThat(registries.members().find("b")).as("the fixed file loads").isPresent();
            assertThat(registries.problem()).isEmpty();
        }
    }

    @Test
    void keepsTheOldRegistryWhenTheFileIsDeleted() throws Exception {
        try (RegistryFiles registries = load(Duration.ZERO)) {
            Files.delete(dir.resolve("services.yaml"));

            registries.checkNow();

            assertThat(registries.services().find("S1")).isPresent();
            assertThat(registries.problem()).contains(dir.resolve("services.yaml") + ": file not found");
        }
    }

    @Test
    void reloadsWhenOnlyTheContentChanged() throws Exception {
        try (RegistryFiles registries = load(Duration.ZERO)) {
            Path members = dir.resolve("members.yaml");
            var modified = Files.getLastModifiedTime(members);
            writeMembers(oneMember("b", "S1"));
            Files.setLastModifiedTime(members, modified);

            registries.checkNow();

            assertThat(registries.members().find("b")).isPresent();
        }
    }

    private RegistryFiles load(Duration interval) {
        writeMembers(oneMember("a", "S1"));
        writeServices(oneService("S1"));
        return RegistryFiles.load(config(interval), dir);
    }

    private GatewayConfig.Registry config(Duration interval) {
        return new GatewayConfig.Registry(dir.resolve("members.yaml").toString(), dir.resolve("services.yaml").toString(), interval);
    }

    private void writeMembers(String yaml) {
        write(dir.resolve("members.yaml"), yaml);
    }

    private void writeServices(String yaml) {
        write(dir.resolve("services.yaml"), yaml);
    }
}
