package org.qaqpa.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qaqpa.registry.RegistryTestFiles.HASH;
import static org.qaqpa.registry.RegistryTestFiles.PASSWORD;
import static org.qaqpa.registry.RegistryTestFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.ConfigException;
import org.qaqpa.security.pki.DevPki;

class MembersFileTest {

    private static DevPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = DevPki.generate(Clock.systemUTC());
    }

    @Test
    void shippedFileRegistersTheDevelopmentClient() {
        Path projectDir = RegistryTestFiles.projectDir();

        List<Member> members = MembersFile.read(projectDir.resolve("config/members.yaml"), dir);

        assertThat(members).extracting(Member::senderId)
                .containsExactly("dev-client", "dev-individual", "dev-region", "portal", "culture-is", "licensing", "psc");
        assertThat(members.get(2)).satisfies(region -> {
            assertThat(region.node()).as("a gateway node").isTrue();
            assertThat(region.certificates().accepts(pki.region().certificate())).isTrue();
            assertThat(region.certificates().accepts(pki.gateway().certificate())).isFalse();
            assertThat(region.services()).containsExactlyInAnyOrder("TEST_SERVICE_ID", "TEST_ASYNC_SERVICE_ID",
                    "GBDFL_UniversalServiceSync", "GBDUL_InfoByBin", "ISNA_DEBT_CHECK");
            assertThat(region.asyncUrl()).as("the regional node's /bip-async-client/").hasValueSatisfying(url ->
                    assertThat(url.configured()).isEqualTo("http://127.0.0.1:8090/bip-async-client/"));
        });
        assertThat(members.get(3)).satisfies(portal -> {
            assertThat(portal.certificates().accepts(pki.echo().certificate())).isTrue();
            assertThat(portal.asyncUrl()).hasValueSatisfying(url -> assertThat(url.configured()).isEqualTo("/sandbox/portal"));
            assertThat(portal.services()).contains("FOREIGN_MEDIA_REG_APPLICATION");
        });
        assertThat(members.get(6)).satisfies(psc -> {
            assertThat(psc.certificates().accepts(pki.echo().certificate())).isTrue();
            assertThat(psc.services()).containsExactly("FOREIGN_MEDIA_REG_APPLICATION");
            assertThat(psc.asyncUrl()).hasValueSatisfying(url -> assertThat(url.configured()).isEqualTo("/sandbox/psc"));
        });
        assertThat(members.get(5)).satisfies(licensing -> {
            assertThat(licensing.certificates().accepts(pki.echo().certificate())).isTrue();
            assertThat(licensing.services()).contains("CULT_EXPORT_CERT_AKMOLA_APPLICATION",
                    "CULT_EXPORT_CERT_ALMATY_CITY_APPLICATION", "ISNA_DEBT_CHECK");
            assertThat(members.get(3).services()).as("the portal sends its applications")
                    .contains("CULT_EXPORT_CERT_AKMOLA_APPLICATION", "CULT_EXPORT_CERT_ALMATY_CITY_APPLICATION");
        });
        assertThat(members.get(0).node()).isFalse();
        assertThat(members).as("the development members connect over plain HTTP, within server.max-request-size")
                .allSatisfy(member -> {
                    assertThat(member.tlsClientCertificateRequired()).isFalse();
                    assertThat(member.maxRequestSize()).isEmpty();
                });
        assertThat(members.get(1).certificates().accepts(pki.individual().certificate())).isTrue();
        assertThat(members.get(1).certificates().accepts(pki.gostIndividual().certificate())).isTrue();
        assertThat(members.get(0)).satisfies(member -> {
            assertThat(member.senderId()).isEqualTo("dev-client");
            assertThat(member.password().matches(DevPki.DEVELOPMENT_PASSWORD.toCharArray())).isTrue();
            assertThat(member.certificates().accepts(pki.legalEntity().certificate())).isTrue();
            assertThat(member.certificates().accepts(pki.officer().certificate())).isFalse();
            assertThat(member.services()).containsExactlyInAnyOrder("TEST_SERVICE_ID", "TEST_ASYNC_SERVICE_ID",
                    "TEST_ASYNC_PULL_SERVICE_ID", "TEST_REGIONAL_SERVICE_ID", "TEST_REGIONAL_ASYNC_SERVICE_ID",
                    "GBDFL_UniversalServiceSync", "GBDUL_InfoByBin", "ISNA_DEBT_CHECK");
        });
    }

    @Test
    void shippedRegionalFileHasTheDevelopmentClientAndTheNationalNode() {
        List<Member> members = MembersFile.read(RegistryTestFiles.projectDir().resolve("config/regional/members.yaml"), dir);

        assertThat(members).extracting(Member::senderId).containsExactly("dev-client", "qaqpa-national", "isb");
        assertThat(members.get(0).certificates().accepts(pki.legalEntity().certificate())).isTrue();
        assertThat(members.get(0).node()).isFalse();
        assertThat(members.get(1).node()).isTrue();
        assertThat(members.get(1).senderId()).as("the national node's default federation.sender-id")
                .isEqualTo(org.qaqpa.config.GatewayConfig.defaults().federation().senderId());
        assertThat(members.get(1).certificates().accepts(pki.gateway().certificate())).isTrue();
        assertThat(members.get(1).services()).containsExactlyInAnyOrder("TEST_REGIONAL_SERVICE_ID", "TEST_REGIONAL_ASYNC_SERVICE_ID",
                "FOREIGN_MEDIA_REG_APPLICATION");
        assertThat(members.get(2)).satisfies(isb -> {
            assertThat(isb.node()).isFalse();
            assertThat(isb.certificates().accepts(pki.echo().certificate())).isTrue();
            assertThat(isb.password().matches(DevPki.DEVELOPMENT_PASSWORD.toCharArray())).isTrue();
            assertThat(isb.services()).containsExactlyInAnyOrder("FOREIGN_MEDIA_REG_APPLICATION",
                    "GBDFL_UniversalServiceSync", "GBDUL_InfoByBin", "ISNA_DEBT_CHECK");
        });
        assertThat(members.get(1).asyncUrl()).as("the national node's /bip-async-client/").hasValueSatisfying(url ->
                assertThat(url.configured()).isEqualTo("http://127.0.0.1:8080/bip-async-client/"));
    }

    @Test
    void keepsADisabledMemberOutOfTheRegistryButChecksIt() {
        Path file = write(dir.resolve("members.yaml"), """
                members:
                  active:
                    password-hash: %s
                    bin: "123456789021"
                  inactive:
                    password-hash: %s
                    bin: "123456789021"
                    disabled: true
                """.formatted(HASH, HASH));

        assertThat(MembersFile.read(file, dir)).extracting(Member::senderId).containsExactly("active");

        Path broken = write(dir.resolve("broken.yaml"), """
                members:
                  inactive:
                    password-hash: %s
                    bin: "12345"
                    disabled: true
                """.formatted(HASH));
        assertThatThrownBy(() -> MembersFile.read(broken, dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'members.inactive.bin'");
    }

    @Test
    void rejectsAsyncUrlOfAnotherScheme() {
        Path file = write(dir.resolve("members.yaml"), """
                members:
                  m:
                    password-hash: %s
                    bin: "123456789021"
                    async-url: ftp://moj.example.kz/async
                """.formatted(HASH));

        assertThatThrownBy(() -> MembersFile.read(file, dir)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5: 'members.m.async-url' must be an absolute http or https URL, or a path on the"
                        + " gateway starting with /, got 'ftp://moj.example.kz/async'");
    }

    @Test
    void readsEveryKey() {
        pki.writeTo(dir.resolve("pki"), "pw".toCharArray());
        Path file = write(dir.resolve("members.yaml"), """
                members:
                  ministry-x:
                    password-hash: %s
                    certificates:
                      - ${data}/pki/officer-cert.pem
                    iin: "123456789032"
                    bin: "123456789021"
                    services: [SVC_A, SVC_B]
                    rate-limit: 25
                    async-url: https://moj.example.kz/shep/async
                    node: true
                    tls-client-certificate: required
                    max-request-size: 2MiB
                  by-bin:
                    password-hash: %s
                    bin: "123456789021"
                """.formatted(HASH, HASH));

        List<Member> members = MembersFile.read(file, dir);

        assertThat(members).extracting(Member::senderId).containsExactly("ministry-x", "by-bin");
        Member full = members.get(0);
        assertThat(full.password().matches(PASSWORD.toCharArray())).isTrue();
        assertThat(full.certificates().certificates()).containsExactly(pki.officer().certificate());
        assertThat(full.certificates().iin()).contains("123456789032");
        assertThat(full.certificates().bin()).contains("123456789021");
        assertThat(full.services()).containsExactlyInAnyOrder("SVC_A", "SVC_B");
        assertThat(full.rateLimit()).isEqualTo(OptionalInt.of(25));
        assertThat(full.asyncUrl()).contains(new ProviderUrl("https://moj.example.kz/shep/async"));
        assertThat(full.node()).isTrue();
        assertThat(full.tlsClientCertificateRequired()).isTrue();
        assertThat(full.maxRequestSize()).isEqualTo(OptionalLong.of(2L * 1024 * 1024));
        Member minimal = members.get(1);
        assertThat(minimal.asyncUrl()).as("pulls what is addressed to it").isEmpty();
        assertThat(minimal.certificates().certificates()).isEmpty();
        assertThat(minimal.certificates().iin()).isEqualTo(Optional.empty());
        assertThat(minimal.services()).isEmpty();
        assertThat(minimal.rateLimit()).isEmpty();
        assertThat(minimal.node()).as("a system, not a gateway node").isFalse();
        assertThat(minimal.tlsClientCertificateRequired()).as("any connection").isFalse();
        assertThat(minimal.maxRequestSize()).as("server.max-request-size only").isEmpty();
    }

    @Test
    void readsAnEmptyFileAsNoMembers() {
        assertThat(MembersFile.read(write(dir.resolve("members.yaml"), "# nobody yet\n"), dir)).isEmpty();
        assertThat(MembersFile.read(write(dir.resolve("members.yaml"), "members:\n"), dir)).isEmpty();
    }

    @Test
    void rejectsUnknownKeyWithFileAndLine() {
        Path file = write(dir.resolve("members.yaml"), """
                members:
                  a:
                    password-hash: %s
                    bin: "123456789021"
                    service: [X]
                """.formatted(HASH));

        assertRefused(file, ":5: unknown key 'members.a.service' (known keys in 'members.a': password-hash,"
                + " certificates, iin, bin, services, rate-limit, async-url, node, disabled, tls-client-certificate,"
                + " max-request-size)");
    }

    @Test
    void rejectsUnknownSection() {
        Path file = write(dir.resolve("members.yaml"), "member:\n  a: {}\n");

        assertRefused(file, ":1: unknown key 'member' (known sections: members)");
    }

    @Test
    void rejectsMissingPasswordHash() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    bin: \"123456789021\"\n");

        assertRefused(file, ":2: 'members.a' needs 'password-hash' (" + PasswordHash.format() + ")");
    }

    @Test
    void rejectsPlainPassword() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: changeit\n    bin: \"123456789021\"\n");

        assertRefused(file, ":3: 'members.a.password-hash' must be " + PasswordHash.format() + ", got 'changeit'");
    }

    @Test
    void rejectsWeakPasswordHash() {
        String weak = PasswordHash.create("x".toCharArray(), 1000).encoded();
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + weak + "\n    bin: \"123456789021\"\n");

        assertRefused(file, ":3: 'members.a.password-hash' has i=1000; the iteration count must be from 100000 to"
                + " 10000000 (make a new hash with 'qaqpa member hash-password')");
    }

    @Test
    void rejectsMemberWithoutCertificateBinding() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH + "\n    services: [X]\n");

        assertRefused(file, ":2: 'members.a' needs 'certificates', 'iin' or 'bin': which signing certificates are its own");
    }

    @Test
    void rejectsMalformedIin() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH + "\n    iin: IIN123\n");

        assertRefused(file, ":4: 'members.a.iin' must be an IIN of 12 digits, got 'IIN123'");
    }

    @Test
    void rejectsMissingCertificateFile() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    certificates: [\"${data}/pki/nobody.pem\"]\n");

        assertRefused(file, ":4: 'members.a.certificates' names " + dir.resolve("pki/nobody.pem") + ": file not found");
    }

    @Test
    void rejectsFileThatIsNotACertificate() throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "hello");
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    certificates:\n      - " + dir.resolve("junk.pem") + "\n");

        assertRefused(file, ":5: 'members.a.certificates' names " + dir.resolve("junk.pem")
                + ", which is not a certificate file (PEM or DER)");
    }

    @Test
    void rejectsDuplicateSenderId() {
        Path file = write(dir.resolve("members.yaml"), """
                members:
                  a:
                    password-hash: %s
                    bin: "123456789021"
                  a:
                    password-hash: %s
                    bin: "123456789021"
                """.formatted(HASH, HASH));

        assertRefused(file, ":5: duplicate senderId 'members.a' (first set on line 2)");
    }

    @Test
    void rejectsSenderIdWithSpaces() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  \"dev client\":\n    bin: \"123456789021\"\n");

        assertRefused(file, ":2: keys in 'members' must be senderIds (" + RegistryIds.RULE + "), got the string \"dev client\"");
    }

    @Test
    void rejectsServicesThatAreNotAList() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    bin: \"123456789021\"\n    services: TEST_SERVICE_ID\n");

        assertRefused(file, ":5: 'members.a.services' must be a list of serviceIds, got 'TEST_SERVICE_ID'");
    }

    @Test
    void rejectsServiceListedTwice() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    bin: \"123456789021\"\n    services:\n      - X\n      - X\n");

        assertRefused(file, ":7: 'members.a.services' lists 'X' twice (first on line 6)");
    }

    @Test
    void rejectsZeroRateLimit() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    bin: \"123456789021\"\n    rate-limit: 0\n");

        assertRefused(file, ":5: 'members.a.rate-limit' must be an integer between 1 and 1000000, got '0'");
    }

    @Test
    void rejectsUnknownTlsClientCertificateMode() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    bin: \"123456789021\"\n    tls-client-certificate: optional\n");

        assertRefused(file, ":5: 'members.a.tls-client-certificate' must be one of none, required, got 'optional'");
    }

    @Test
    void rejectsZeroMaxRequestSize() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a:\n    password-hash: " + HASH
                + "\n    bin: \"123456789021\"\n    max-request-size: 0\n");

        assertRefused(file, ":5: 'members.a.max-request-size' must be a size of at least 1 byte (an integer of bytes,"
                + " or a number with unit B, KiB, MiB or GiB, e.g. 1MiB), got '0'");
    }

    @Test
    void rejectsYamlAnchors() {
        Path file = write(dir.resolve("members.yaml"), "members:\n  a: &m\n    bin: \"123456789021\"\n  b: *m\n");

        assertRefused(file, ":2: 'members.a' has YAML anchor '&m'; anchors and aliases are not allowed");
    }

    private void assertRefused(Path file, String lineAndProblem) {
        assertThatThrownBy(() -> MembersFile.read(file, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + lineAndProblem);
    }
}
