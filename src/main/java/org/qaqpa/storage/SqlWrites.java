package org.qaqpa.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a component's small database writes go. Each {@link Write} runs inside a transaction and
 * {@link #write} returns once that transaction is committed, so a caller that answers after it may
 * say "stored". Two ways to get there: {@link #direct} (a connection and a commit per write, for tools
 * and tests) and {@link GroupCommit} (one writer thread that commits the writes of many callers at once,
 * for the gateway under load).
 *
 * <p>A write must not commit, roll back or change auto-commit itself. It may use savepoints of its own
 * (for a statement it expects to fail, as a duplicate-key insert: PostgreSQL would otherwise abort the
 * whole transaction). When it throws, only its own changes are undone.
 */
public interface SqlWrites {

    /** A piece of work on the database; its changes become visible when {@link SqlWrites#write} returns. */
    @FunctionalInterface
    interface Write<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code write} in a transaction and returns its result once committed.
     *
     * @throws SQLException     if the write or the commit failed (nothing of the write is stored)
     * @throws RuntimeException what the write threw (nothing of it is stored)
     */
    <T> T write(Write<T> write) throws SQLException;

    /** One connection from {@code dataSource} and one commit per write. */
    static SqlWrites direct(DataSource dataSource) {
        return new DirectWrites(dataSource);
    }
}
