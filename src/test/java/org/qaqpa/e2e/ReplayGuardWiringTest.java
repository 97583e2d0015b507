package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;

/** The gateway keeps the messageIds it accepted in its database: a restart does not forget them. */
class ReplayGuardWiringTest {

    @Test
    void refusesReusedMessageIdAfterGatewayRestart(@TempDir Path data) throws Exception {
        Instant messageDate = Instant.now();
        try (TestGateway gateway = TestGateway.start(data)) {
            gateway.gateway().replayGuard().accept("dev-client", "m-1", messageDate, "{s-1}");
        }

        // TestGateway makes a new development PKI per start; only the database has to outlive the restart.
        deleteTree(data.resolve("pki"));
        try (TestGateway restarted = TestGateway.start(data)) {
            QaqpaFault fault = catchThrowableOfType(QaqpaFault.class,
                    () -> restarted.gateway().replayGuard().accept("dev-client", "m-1", messageDate, "{s-2}"));
            assertThat(fault).isNotNull();
            assertThat(fault.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
            assertThat(fault.getMessage()).contains("{s-1}");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
