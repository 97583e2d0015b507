package org.qaqpa.log;

import java.nio.file.Path;
import org.qaqpa.storage.Database;
import org.qaqpa.storage.PostgresServer;

/** {@link LogArchiverTest} on PostgreSQL: rows streamed out in a transaction, deleted by position range, records read back. */
class LogArchiverPostgresIT extends LogArchiverTest {

    @Override
    Database database(Path dataDir) throws Exception {
        return Database.open(PostgresServer.shared().databaseOf(dataDir), dataDir);
    }
}
