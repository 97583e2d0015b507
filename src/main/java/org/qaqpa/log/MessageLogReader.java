package org.qaqpa.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the message log back: the rows of one exchange and the stored envelopes. */
public final class MessageLogReader {

    /** The columns {@link #row} reads, in this order. */
    static final String COLUMNS = "id, chain_id, chain_position, logged_at, kind, channel, sender_id, service_id,"
            + " message_id, session_id, correlation_id, message_date, status, error_code, size_bytes, body_sha256,"
            + " prev_hash, row_hash, original_sender_id";

    private final DataSource dataSource;

    public MessageLogReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every row with this {@code sessionId}, in the order they were logged. */
    public List<LoggedRow> exchange(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM message_log WHERE session_id = ? ORDER BY logged_at, id")) {
            select.setString(1, sessionId);
            List<LoggedRow> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    /** The row with this {@code id}, if there is one. */
    public Optional<LoggedRow> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM message_log WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    /** The stored envelope of row {@code id}; empty under {@code log.store: metadata} or after retention. */
    public Optional<byte[]> body(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT body FROM message_body WHERE log_id = ?")) {
            select.setLong(1, id);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** The row at the cursor of a query selecting {@link #COLUMNS}. */
    static LoggedRow row(ResultSet r) throws SQLException {
        return new LoggedRow(r.getLong(1), r.getString(2), r.getLong(3), instant(r, 4),
                LogEntry.Kind.valueOf(r.getString(5)), LogEntry.Channel.valueOf(r.getString(6)), r.getString(7),
                r.getString(19), r.getString(8), r.getString(9), r.getString(10), r.getString(11), instant(r, 12), r.getString(13),
                r.getString(14), r.getLong(15), r.getString(16), r.getString(17), r.getString(18));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime time = r.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
