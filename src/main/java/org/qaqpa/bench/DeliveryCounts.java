package org.qaqpa.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.qaqpa.async.MessageState;
import org.qaqpa.config.GatewayConfig;
import org.qaqpa.storage.Database;

/**
 * How many async messages the running gateway holds in each delivery state, read from its database
 * (table {@code async_message}) the way {@code qaqpa log} reads it: through the gateway's local-only H2
 * server, or the configured database. Read at phase boundaries only: the count is a scan, and the H2
 * server runs inside the gateway whose CPU is being measured.
 */
final class DeliveryCounts implements AutoCloseable {

    private final Database database;

    private DeliveryCounts(Database database) {
        this.database = database;
    }

    static DeliveryCounts open(GatewayConfig.Database config, Path dataDir) {
        return new DeliveryCounts(Database.openExisting(config, dataDir));
    }

    /** The counts now. */
    Counts read() throws SQLException {
        long delivered = 0;
        long waiting = 0;
        long stopped = 0;
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT state, COUNT(*) FROM async_message GROUP BY state")) {
            while (rows.next()) {
                String state = rows.getString(1);
                long count = rows.getLong(2);
                if (MessageState.DELIVERED.name().equals(state)) {
                    delivered = count;
                } else if (MessageState.DELIVERY_STOPPED.name().equals(state)) {
                    stopped = count;
                } else {
                    waiting += count;
                }
            }
        }
        return new Counts(delivered, waiting, stopped, System.nanoTime());
    }

    @Override
    public void close() {
        database.close();
    }

    /**
     * @param waiting   accepted and neither delivered nor stopped yet ({@code ON_DELIVERY}, {@code NOT_DELIVERED})
     * @param readNanos when it was read ({@link System#nanoTime()})
     */
    record Counts(long delivered, long waiting, long stopped, long readNanos) {
    }
}
