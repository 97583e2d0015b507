package org.qaqpa.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SqlWrites} through one writer thread that commits the writes of many callers at once.
 *
 * <p><b>Why.</b> The embedded H2 writes a chunk of its file for every commit (the gateway runs it with
 * {@code WRITE_DELAY=0}, so that a killed process keeps what it answered for), and accepting one async
 * message took two such commits (replay check, delivery state), delivering it two more. Measured under
 * load, those commits were the largest single cost of the async channel, with the message log's own
 * commits. The replay checks, the async states and the message log's batches now all go through one
 * instance: callers queue their write and wait; the thread takes everything queued since its last
 * commit (up to {@value #MAX_BATCH} writes), runs each inside a savepoint of one transaction and commits
 * once. Alone, a caller waits for one commit as before; under load, a commit carries many writes.
 *
 * <p><b>Isolation between callers.</b> A write that throws is rolled back to its savepoint and its caller
 * gets the exception; the other writes of the batch commit. If the commit itself fails, every caller of
 * the batch gets that failure and nothing of the batch is stored. Callers never see each other's
 * uncommitted changes: a write returns only after the commit.
 */
public final class GroupCommit implements SqlWrites, AutoCloseable {

    static final int MAX_BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private final DataSource dataSource;
    private final BatchQueue<Pending<?>> queue;
    /** The writer thread's connection, kept between batches; null after a failure. */
    private Connection connection;

    /** Starts the writer thread, named {@code threadName}. */
    public GroupCommit(DataSource dataSource, String threadName) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.queue = new BatchQueue<>(threadName, MAX_BATCH, this::commit, "the database writer is closed");
    }

    @Override
    public <T> T write(Write<T> write) throws SQLException {
        Pending<T> pending = new Pending<>(Objects.requireNonNull(write));
        queue.add(pending);
        try {
            // join, not get: an interrupted caller cannot take its write back, so it waits for the outcome.
            return pending.result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                // A new exception, so the caller's stack shows where it waited; the state decides as before.
                throw new SQLException(sql.getMessage(), sql.getSQLState(), sql.getErrorCode(), sql);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a database write failed: " + cause, cause);
        }
    }

    /** How many writes wait for the writer thread (not counting the batch it is running). */
    int queued() {
        return queue.size();
    }

    /** Commits what is queued, then stops the writer; later writes are refused. */
    @Override
    public void close() throws InterruptedException {
        queue.close();
        // The writer thread has ended: its connection is this thread's to close now.
        closeConnection();
    }

    private static final class Pending<T> {
        final Write<T> write;
        final CompletableFuture<T> result = new CompletableFuture<>();
        T value;
        Throwable failure;

        Pending(Write<T> write) {
            this.write = write;
        }

        void run(Connection c) throws SQLException {
            Savepoint savepoint = c.setSavepoint();
            try {
                value = write.apply(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                failure = e;
            }
        }

        void complete() {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        try {
            Connection c = connection();
            for (Pending<?> pending : batch) {
                pending.run(c);
            }
            c.commit();
            batch.forEach(Pending::complete);
        } catch (Throwable e) {
            // Also an Error: the callers must hear of it, or they would wait for ever.
            LOG.warn("database writer: a batch of {} writes failed: {}", batch.size(), e.toString());
            rollbackQuietly();
            batch.forEach(pending -> pending.result.completeExceptionally(e));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    /** After a failure the connection may be broken: roll back and take a fresh one for the next batch. */
    private void rollbackQuietly() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // closing it below discards the transaction anyway
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException e) {
                LOG.debug("database writer: closing its connection failed: {}", e.toString());
            }
            connection = null;
        }
    }
}
