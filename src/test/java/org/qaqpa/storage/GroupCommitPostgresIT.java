package org.qaqpa.storage;

import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;

/** {@link GroupCommitTest} on PostgreSQL: a write that fails inside a batch is rolled back to its savepoint and the others commit, where a failed statement would otherwise abort the whole transaction. */
class GroupCommitPostgresIT extends GroupCommitTest {

    @Override
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return PostgresServer.shared().databaseOf(dataDir);
    }
}
