package org.qaqpa.routing;

import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.PostgresServer;

/** {@link ReplayGuardGroupCommitTest} on PostgreSQL: the duplicate insert inside the gateway's group commit, the take-over of expired rows and the chunked purge. */
class ReplayGuardPostgresIT extends ReplayGuardGroupCommitTest {

    @Override
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return PostgresServer.shared().databaseOf(dataDir);
    }
}
