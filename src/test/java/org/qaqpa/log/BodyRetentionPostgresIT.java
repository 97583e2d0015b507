package org.qaqpa.log;

import java.nio.file.Path;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.PostgresServer;

/** {@link BodyRetentionTest} on PostgreSQL: envelopes deleted in chunks by a join on logged_at, the chain intact after. */
class BodyRetentionPostgresIT extends BodyRetentionTest {

    @Override
    Database database(Path dataDir) throws Exception {
        return Database.open(PostgresServer.shared().databaseOf(dataDir), dataDir);
    }
}
