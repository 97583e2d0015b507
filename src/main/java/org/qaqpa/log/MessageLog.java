package org.qaqpa.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.qaqpa.storage.BatchQueue;
import org.qaqpa.storage.SqlWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rows to one hash chain of the message log; {@link #record} returns once the row is committed.
 *
 * <p><b>One writer thread with group commit.</b> Each row's hash depends on the row before it, so
 * appends to a chain are sequential by nature. Serialising the callers with a lock would make each
 * of them wait for a database round trip and a commit of its own, one after the other (200 request
 * threads queue behind one connection). Instead, callers put their entry on a queue and wait; one
 * thread takes everything queued since its last commit (up to {@value #MAX_BATCH} rows), chains it
 * in queue order, writes it with one JDBC batch and commits once (in the gateway through the
 * {@link org.qaqpa.storage.GroupCommit} the replay checks and async states use, so that one commit
 * carries the log rows and those writes together). Under load a commit carries many
 * rows, so the cost per row falls as concurrency rises; alone, a caller waits for one commit as it
 * would with a lock. Because the caller waits for the commit, an answer is never sent before its
 * request is in the log.
 *
 * <p><b>Head row.</b> The chain's last position and hash are kept in {@code message_log_head},
 * updated in the same transaction, so deleting the newest rows is detected too. The update is
 * conditional on the position this writer last wrote, and positions are unique per chain, so a
 * second writer on the same chain (another process, a misconfigured node) makes the batch fail
 * instead of forking the chain; the writer then reloads the head from the database.
 */
public final class MessageLog implements AutoCloseable {

    /**
     * The chain a gateway writes unless {@code log.chain-id} names another: nodes sharing one database each
     * write a chain of their own (a second writer on one chain makes batches fail, see the class comment).
     */
    public static final String DEFAULT_CHAIN = "main";

    static final int MAX_BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
    private static final String INSERT_ROW = "INSERT INTO message_log (chain_id, chain_position, logged_at, kind,"
            + " channel, sender_id, service_id, message_id, session_id, correlation_id, message_date, status,"
            + " error_code, size_bytes, body_sha256, prev_hash, row_hash, original_sender_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final SqlWrites writes;
    private final String chainId;
    private final StoreMode store;
    private final Clock clock;
    private final BatchQueue<Pending> queue;

    /** The last row written, as the writer thread knows it; null: read it from the database first. */
    private Head head;

    public MessageLog(DataSource dataSource, String chainId, StoreMode store, Clock clock) {
        this(SqlWrites.direct(dataSource), chainId, store, clock);
    }

    /**
     * @param writes how each batch is committed: in the gateway, the {@link org.qaqpa.storage.GroupCommit} that
     *               also commits the replay checks and async states, so one commit carries all of them
     */
    public MessageLog(SqlWrites writes, String chainId, StoreMode store, Clock clock) {
        this.writes = writes;
        this.chainId = chainId;
        this.store = store;
        this.clock = clock;
        this.queue = new BatchQueue<>("qaqpa-message-log", MAX_BATCH, this::write, "the message log is closed");
    }

    /**
     * Appends {@code entry} to the chain and returns the committed row.
     *
     * @throws MessageLogException   if the row could not be written
     * @throws IllegalStateException if the log is closed
     */
    public LoggedRow record(LogEntry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        try {
            // join, not get: an interrupted caller cannot take its row back, so it waits for the outcome.
            return pending.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof MessageLogException failure ? failure
                    : new MessageLogException("the message log failed: " + e.getCause(), e.getCause());
        }
    }

    public String chainId() {
        return chainId;
    }

    public StoreMode store() {
        return store;
    }

    /** Writes what is queued, then stops the writer; later {@link #record} calls are refused. */
    @Override
    public void close() throws InterruptedException {
        queue.close();
    }

    private record Pending(LogEntry entry, CompletableFuture<LoggedRow> result) {
    }

    /** Where the chain ends: the position and hash the next row links to. */
    private record Head(long position, String rowHash) {
    }

    private void write(List<Pending> batch) {
        try {
            List<LoggedRow> rows = writes.write(c -> append(c, batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(rows.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            head = null;
            LOG.error("message log: {} rows not written: {}", batch.size(), e.toString());
            MessageLogException failure = new MessageLogException("the message log could not write the entry: " + e, e);
            batch.forEach(pending -> pending.result().completeExceptionally(failure));
        }
    }

    /** Chains, inserts and links the batch on {@code c}; the caller commits. Sets {@link #head} to the new end. */
    private List<LoggedRow> append(Connection c, List<Pending> batch) throws SQLException {
        Head start = head != null ? head : readHead(c);
        Instant now = HashChain.toMicros(clock.instant());
        List<LoggedRow> rows = new ArrayList<>(batch.size());
        Head end = start;
        for (Pending pending : batch) {
            LoggedRow row = chained(pending.entry(), end, now);
            rows.add(row);
            end = new Head(row.position(), row.rowHash());
        }
        List<Long> ids = insertRows(c, rows);
        if (store == StoreMode.ALL) {
            insertBodies(c, ids, batch);
        }
        moveHead(c, start, end, now);
        List<LoggedRow> stored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            stored.add(rows.get(i).stored(ids.get(i), rows.get(i).rowHash()));
        }
        head = end;
        return stored;
    }

    private LoggedRow chained(LogEntry e, Head previous, Instant now) {
        LoggedRow row = new LoggedRow(0, chainId, previous.position() + 1, now, e.kind(), e.channel(), e.senderId(),
                e.originalSenderId(), e.serviceId(), e.messageId(), e.sessionId(), e.correlationId(), HashChain.toMicros(e.messageDate()),
                e.status(), e.errorCode(), e.body().length, HashChain.sha256Hex(e.body()), previous.rowHash(), null);
        return row.stored(0, HashChain.rowHash(row));
    }

    private Head readHead(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT chain_position, row_hash FROM message_log_head WHERE chain_id = ?")) {
            select.setString(1, chainId);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? new Head(r.getLong(1), r.getString(2)) : new Head(0, HashChain.GENESIS);
            }
        }
    }

    private static List<Long> insertRows(Connection c, List<LoggedRow> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_ROW, Statement.RETURN_GENERATED_KEYS)) {
            for (LoggedRow row : rows) {
                insert.setString(1, row.chainId());
                insert.setLong(2, row.position());
                insert.setObject(3, utc(row.loggedAt()));
                insert.setString(4, row.kind().name());
                insert.setString(5, row.channel().name());
                insert.setString(6, row.senderId());
                insert.setString(7, row.serviceId());
                insert.setString(8, row.messageId());
                insert.setString(9, row.sessionId());
                insert.setString(10, row.correlationId());
                insert.setObject(11, utc(row.messageDate()));
                insert.setString(12, row.status());
                insert.setString(13, row.errorCode());
                insert.setLong(14, row.sizeBytes());
                insert.setString(15, row.bodySha256());
                insert.setString(16, row.prevHash());
                insert.setString(17, row.rowHash());
                insert.setString(18, row.originalSenderId());
                insert.addBatch();
            }
            insert.executeBatch();
            List<Long> ids = new ArrayList<>(rows.size());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            if (ids.size() != rows.size()) {
                throw new SQLException("the driver returned " + ids.size() + " generated ids for " + rows.size() + " rows");
            }
            return ids;
        }
    }

    private static void insertBodies(Connection c, List<Long> ids, List<Pending> batch) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO message_body (log_id, body) VALUES (?, ?)")) {
            for (int i = 0; i < ids.size(); i++) {
                insert.setLong(1, ids.get(i));
                insert.setBytes(2, batch.get(i).entry().body());
                insert.addBatch();
            }
            insert.executeBatch();
            // H2 caches the prepared insert per session with its last parameters: without this, the last
            // envelope stored stays on the heap until the next one replaces it.
            insert.clearParameters();
        }
    }

    /** Moves the head from {@code start} to {@code end}; fails if the head is no longer where this writer left it. */
    private void moveHead(Connection c, Head start, Head end, Instant now) throws SQLException {
        if (start.position() == 0) {
            // The chain's first rows: the primary key refuses a second writer's insert.
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO message_log_head (chain_id, chain_position, row_hash, updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, chainId);
                insert.setLong(2, end.position());
                insert.setString(3, end.rowHash());
                insert.setObject(4, utc(now));
                insert.executeUpdate();
            }
            return;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE message_log_head SET chain_position = ?, row_hash = ?,"
                + " updated_at = ? WHERE chain_id = ? AND chain_position = ? AND row_hash = ?")) {
            update.setLong(1, end.position());
            update.setString(2, end.rowHash());
            update.setObject(3, utc(now));
            update.setString(4, chainId);
            update.setLong(5, start.position());
            update.setString(6, start.rowHash());
            if (update.executeUpdate() != 1) {
                throw new SQLException("the head of chain '" + chainId + "' moved under this writer: another process"
                        + " writes the same chain");
            }
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
