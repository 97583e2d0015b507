package org.qaqpa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.log.ChainReport;
import org.qaqpa.log.ChainVerifier;
import org.qaqpa.log.LogEntry;
import org.qaqpa.log.LoggedRow;
import org.qaqpa.log.MessageLog;
import org.qaqpa.log.MessageLogReader;
import org.qaqpa.storage.Database;

/** The gateway starts the message log on its own database and stops it with everything else. */
class MessageLogWiringTest {

    @Test
    void rowsRecordedThroughTheGatewayVerifyAfterItStops(@TempDir Path data) throws Exception {
        LoggedRow row;
        try (TestGateway gateway = TestGateway.start(data)) {
            assertThat(gateway.messageLog().chainId()).isEqualTo(MessageLog.DEFAULT_CHAIN);
            row = gateway.messageLog().record(new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "dev-client",
                    "TEST_SERVICE_ID", "m-1", "{s-1}", null, null, "RECEIVED", null,
                    "<request/>".getBytes(StandardCharsets.UTF_8)));
        }

        try (Database db = Database.openExisting(GatewayConfig.defaults().database(), data)) {
            ChainReport report = new ChainVerifier(db.dataSource()).verify();
            assertThat(report.broken()).isEmpty();
            assertThat(report.heads()).containsEntry(MessageLog.DEFAULT_CHAIN, row.rowHash());
            assertThat(new MessageLogReader(db.dataSource()).body(row.id())).isPresent();
        }
    }
}
