package org.qaqpa.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Deletes expired rows a chunk at a time: the keys first (a query that binds one cutoff and returns
 * at most a chunk of keys), then a batch of deletes by those keys, until a chunk comes back short.
 * Each batch commits on its own, so a first run over months of rows never holds one long transaction
 * against the writers; and H2 runs {@code DELETE … WHERE key IN (SELECT …)} as a nested scan, which
 * took seconds for a few thousand rows.
 */
public final class ChunkedDelete {

    private ChunkedDelete() {
    }

    /**
     * @param selectKeys  SQL with one parameter (the cutoff) returning the key columns of at most {@code chunk} rows
     * @param deleteByKey SQL with one parameter per key column, in the same order
     * @return how many rows were deleted
     */
    public static long run(DataSource dataSource, String selectKeys, String deleteByKey, Object cutoff, int keyColumns,
                           int chunk) throws SQLException {
        long deleted = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(selectKeys);
             PreparedStatement delete = c.prepareStatement(deleteByKey)) {
            select.setObject(1, cutoff);
            int found;
            do {
                found = 0;
                try (ResultSet keys = select.executeQuery()) {
                    while (keys.next()) {
                        for (int column = 1; column <= keyColumns; column++) {
                            delete.setObject(column, keys.getObject(column));
                        }
                        delete.addBatch();
                        found++;
                    }
                }
                if (found > 0) {
                    delete.executeBatch();
                }
                deleted += found;
            } while (found == chunk);
        }
        return deleted;
    }
}
