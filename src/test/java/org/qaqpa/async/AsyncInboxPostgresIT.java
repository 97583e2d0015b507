package org.qaqpa.async;

import java.nio.file.Path;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.PostgresServer;

/** {@link AsyncInboxTest} on PostgreSQL: paging with a bound FETCH FIRST, OCTET_LENGTH of BYTEA bodies and conditional leases. */
class AsyncInboxPostgresIT extends AsyncInboxTest {

    @Override
    GatewayConfig.Database databaseOf(Path dataDir) throws Exception {
        return PostgresServer.shared().databaseOf(dataDir);
    }
}
