package org.qaqpa.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrator routes on a gateway that trusts a {@code security.trust-dir}: no test keys, so 409. */
class IntegratorResourceTest {

    @TempDir
    Path data;

    private IntegratorResource withTrustDir() throws NoSuchAlgorithmException {
        return new IntegratorResource(URI.create("http://127.0.0.1:1"), List::of, () -> URI.create("http://127.0.0.1:1"),
                SSLContext.getDefault(), data, false, Clock.systemUTC());
    }

    @Test
    void listsNoKeysWithoutTheDevelopmentPki() throws Exception {
        assertThat(withTrustDir().keys()).containsEntry("developmentPki", false).containsEntry("keys", List.of());
    }

    @Test
    void listsTheKeysOfTheDevelopmentPkiWhereverItIs() throws Exception {
        Path moved = Files.createDirectories(data.resolve("elsewhere/dev-pki"));
        for (String file : List.of("legal.p12", "individual.p12", "gateway.p12", "root-cert.pem")) {
            Files.writeString(moved.resolve(file), "");
        }
        IntegratorResource resource = new IntegratorResource(URI.create("http://127.0.0.1:1"), List::of,
                () -> URI.create("http://127.0.0.1:1"), SSLContext.getDefault(), moved, true, Clock.systemUTC());

        assertThat(resource.keys()).containsEntry("developmentPki", true).containsEntry("keys", List.of("individual", "legal"));
    }

    @Test
    void refusesToSignOrRunWithoutTheDevelopmentPki() throws Exception {
        IntegratorResource resource = withTrustDir();
        for (Runnable call : List.<Runnable>of(() -> resource.sign(Map.of("xml", "<a/>", "key", "legal")),
                () -> resource.send(Map.of("xml", "<a/>", "key", "legal")),
                () -> resource.contractRun(Map.of("suite", "suite: x")))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(AdminException.class, e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.code()).isEqualTo(AdminException.CONFLICT);
                assertThat(e.getMessage()).contains("security.trust-dir");
            });
        }
    }

    @Test
    void prettyPrintsXmlAndLeavesOtherTextAsItIs() {
        assertThat(IntegratorResource.pretty("<a><b>x</b></a>".getBytes(StandardCharsets.UTF_8))).contains("\n").contains("<b>x</b>");
        assertThat(IntegratorResource.pretty("not xml".getBytes(StandardCharsets.UTF_8))).isEqualTo("not xml");
    }
}
