package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.security.pki.DevPki;
import org.qaqpa.security.pki.TrustMaterial;

/** A CRL of the test PKI uploaded into a CRL directory; what is not a CRL, or not a plain file name, is refused. */
class CrlUploadTest {

    @TempDir
    Path crlDir;

    @Test
    void writesTheCrlWhereTheGatewayReadsIt() throws Exception {
        DevPki pki = DevPki.generate(Clock.systemUTC());
        byte[] crl = pki.crl(List.of(pki.officer().certificate()), Instant.now(), Instant.now().plus(Duration.ofDays(1)))
                .getEncoded();

        var answer = new CrlUpload(Optional.of(crlDir)).upload("inter.crl", crl);

        assertThat(TrustMaterial.readCrl(crlDir.resolve("inter.crl")).getEncoded()).isEqualTo(crl);
        assertThat(answer).containsEntry("revoked", 1);
        try (var files = Files.list(crlDir)) {
            assertThat(files).as("no temporary file left").containsExactly(crlDir.resolve("inter.crl"));
        }
    }

    @Test
    void refusesWhatIsNotACrlAndLeavesNoFile() throws Exception {
        assertThatThrownBy(() -> new CrlUpload(Optional.of(crlDir)).upload("x.crl", "not a crl".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(AdminException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("body");
                });
        try (var files = Files.list(crlDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesAPathOrAnotherExtensionAsFileName() {
        for (String name : List.of("../x.crl", "x.txt", ".hidden.crl", "a/b.pem")) {
            assertThatThrownBy(() -> new CrlUpload(Optional.of(crlDir)).upload(name, new byte[0])).as(name)
                    .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.field()).hasValue("file"));
        }
    }

    @Test
    void refusesWithoutACrlDirectory() {
        assertThatThrownBy(() -> new CrlUpload(Optional.empty()).upload("x.crl", new byte[0]))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
}
