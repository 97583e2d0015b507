package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.QaqpaFault;
import org.qaqpa.storage.Directories;

/** The gateway keeps the messageIds it accepted in its database: a restart does not forget them. */
class ReplayGuardWiringTest {

    @Test
    void refusesReusedMessageIdAfterGatewayRestart(@TempDir Path data) throws Exception {
        Instant messageDate = Instant.now();
        try (TestGateway gateway = TestGateway.start(data)) {
            gateway.gateway().replayGuard().accept("dev-client", "m-1", messageDate, "{s-1}");
        }

        // TestGateway makes a new development PKI per start; only the database has to outlive the restart.
        Directories.deleteTree(data.resolve("pki"));
        try (TestGateway restarted = TestGateway.start(data)) {
            QaqpaFault fault = catchThrowableOfType(QaqpaFault.class,
                    () -> restarted.gateway().replayGuard().accept("dev-client", "m-1", messageDate, "{s-2}"));
            assertThat(fault).isNotNull();
            assertThat(fault.code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
            assertThat(fault.getMessage()).contains("{s-1}");
        }
    }
}
