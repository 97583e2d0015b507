package org.qaqpa.log;

import java.nio.file.Path;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.PostgresServer;

/** {@link MessageLogTest} on PostgreSQL: the hash chain written and walked on TIMESTAMP WITH TIME ZONE (microseconds), BYTEA and generated ids. */
class MessageLogPostgresIT extends MessageLogTest {

    @Override
    Database database(Path dataDir) throws Exception {
        return Database.open(PostgresServer.shared().databaseOf(dataDir), dataDir);
    }
}
