package org.qaqpa.async;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The PULL inbox (table {@code async_inbox}, Flyway V5): messages that wait for a recipient member to
 * fetch them with {@code getMessages}. The delivery consumer moves a message here from the broker's
 * queue; the recipient's {@code sendDeliveryNotification} takes it out again.
 *
 * <p>Why a table and not a broker queue per recipient: {@code getMessages} filters by serviceId,
 * correlationId and messageId, hands out the oldest first and leases what it handed out, and the
 * acknowledgement names one message by its id — a query, not a queue consumer.
 *
 * <p>A handed-out message is leased for the visibility timeout ({@code async.pull-lease}): it is not
 * handed out again until the lease expires unacknowledged. Leasing is a conditional update of each
 * row, so two concurrent {@code getMessages} of one recipient never get the same message.
 */
public final class AsyncInbox {

    private static final String INSERT = "INSERT INTO async_inbox (sender_id, message_id, recipient_id, service_id, route_id,"
            + " correlation_id, message_type, session_id, accepted_at, body, handouts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String COLUMNS = "SELECT sender_id, message_id, service_id, route_id, correlation_id, message_type,"
            + " session_id, body FROM async_inbox WHERE recipient_id = ? AND service_id = ?";
    /** The columns of {@link #COLUMNS} with the body's length instead of the body: candidates are chosen by size first. */
    private static final String HEADS = "SELECT sender_id, message_id, service_id, route_id, correlation_id, message_type,"
            + " session_id, OCTET_LENGTH(body) FROM async_inbox WHERE recipient_id = ? AND service_id = ?";
    private static final String BODY = "SELECT body FROM async_inbox WHERE sender_id = ? AND message_id = ?";
    private static final String OLDEST_FIRST = " ORDER BY accepted_at, accept_order FETCH FIRST ? ROWS ONLY";
    private static final String LEASE = "UPDATE async_inbox SET lease_until = ?, handouts = handouts + 1"
            + " WHERE sender_id = ? AND message_id = ? AND (lease_until IS NULL OR lease_until <= ?)";
    private static final String ANY = "SELECT 1 FROM async_inbox WHERE recipient_id = ? AND service_id = ? FETCH FIRST 1 ROWS ONLY";
    private static final String RELEASE = "UPDATE async_inbox SET lease_until = NULL WHERE sender_id = ? AND message_id = ?";
    private static final String DELETE = "DELETE FROM async_inbox WHERE sender_id = ? AND message_id = ?";
    /** SQLSTATE of a unique or primary key violation, in H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;
    private final Clock clock;

    public AsyncInbox(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Puts an accepted message into {@code recipientId}'s inbox; a message already there (a redelivery
     * of one whose JMS acknowledgement a crash interrupted) is left as it is.
     *
     * @param acceptedAt when the sender was answered (the inbox hands out in this order); empty when its
     *                   state row is missing, and the message then counts as accepted now
     */
    public void put(AcceptedMessage message, String recipientId, Optional<Instant> acceptedAt, byte[] body) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, message.senderId());
            insert.setString(2, message.messageId());
            insert.setString(3, recipientId);
            insert.setString(4, message.serviceId());
            insert.setString(5, message.routeId());
            insert.setString(6, message.correlationId());
            insert.setString(7, message.messageType());
            insert.setString(8, message.sessionId());
            insert.setObject(9, utc(acceptedAt.orElseGet(clock::instant)));
            insert.setBytes(10, body);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw failed("put into the inbox", message.messageId(), e);
            }
        }
    }

    /**
     * Hands out at most {@code amount} of the recipient's messages of {@code serviceId} that are not
     * leased, oldest first, optionally only those of one chain (the REQUEST that started it included) or
     * with one messageId, and leases them for {@code lease}. Their bodies together stay within
     * {@code maxBytes}, except that the oldest is handed out whatever its size (else a message larger
     * than the budget could never be fetched); the rest wait for the next call.
     */
    public List<InboxMessage> handOut(String recipientId, String serviceId, Optional<String> correlationId,
                                      Optional<String> messageId, int amount, long maxBytes, Duration lease) {
        Instant now = clock.instant();
        StringBuilder query = new StringBuilder(HEADS).append(" AND (lease_until IS NULL OR lease_until <= ?)");
        // a REQUEST carries no correlationId: it starts the chain named by its own messageId
        correlationId.ifPresent(unused -> query.append(" AND (correlation_id = ? OR correlation_id IS NULL AND message_id = ?)"));
        messageId.ifPresent(unused -> query.append(" AND message_id = ?"));
        query.append(OLDEST_FIRST);
        try (Connection c = dataSource.getConnection()) {
            List<Candidate> candidates = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(query.toString())) {
                int i = 0;
                select.setString(++i, recipientId);
                select.setString(++i, serviceId);
                select.setObject(++i, utc(now));
                if (correlationId.isPresent()) {
                    select.setString(++i, correlationId.get());
                    select.setString(++i, correlationId.get());
                }
                if (messageId.isPresent()) {
                    select.setString(++i, messageId.get());
                }
                select.setInt(++i, amount);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        candidates.add(new Candidate(message(row), row.getLong(8)));
                    }
                }
            }
            List<InboxMessage> leased = new ArrayList<>();
            long bytes = 0;
            try (PreparedStatement update = c.prepareStatement(LEASE)) {
                for (Candidate candidate : candidates) {
                    if (!leased.isEmpty() && bytes + candidate.bytes() > maxBytes) {
                        break;
                    }
                    update.setObject(1, utc(now.plus(lease)));
                    update.setString(2, candidate.message().senderId());
                    update.setString(3, candidate.message().messageId());
                    update.setObject(4, utc(now));
                    // 0 rows: a concurrent getMessages of the same recipient leased it first
                    if (update.executeUpdate() == 1) {
                        leased.add(new InboxMessage(candidate.message(), body(c, candidate.message())));
                        bytes += candidate.bytes();
                    }
                }
            }
            return leased;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hand out inbox messages of '" + recipientId + "': " + e.getMessage(), e);
        }
    }

    /** A message that may be handed out, with its body's size. */
    private record Candidate(AcceptedMessage message, long bytes) {
    }

    private static byte[] body(Connection c, AcceptedMessage message) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(BODY)) {
            select.setString(1, message.senderId());
            select.setString(2, message.messageId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the inbox message '" + message.messageId() + "' vanished while it was leased");
                }
                return row.getBytes(1);
            }
        }
    }

    /** Whether the recipient has any message of {@code serviceId} in its inbox, leased or not. */
    public boolean hasAny(String recipientId, String serviceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(ANY)) {
            select.setString(1, recipientId);
            select.setString(2, serviceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the inbox of '" + recipientId + "': " + e.getMessage(), e);
        }
    }

    /**
     * The message with {@code messageId} of {@code serviceId} that was handed out to the recipient at
     * least once: what its acknowledgement may name. Two senders may use one messageId; the oldest wins.
     */
    public Optional<InboxMessage> received(String recipientId, String serviceId, String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(COLUMNS + " AND message_id = ? AND handouts > 0" + OLDEST_FIRST)) {
            select.setString(1, recipientId);
            select.setString(2, serviceId);
            select.setString(3, messageId);
            select.setInt(4, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("find in the inbox", messageId, e);
        }
    }

    /** Ends the lease at once: the recipient asked for the message again ({@code RESEND}). */
    public void release(AcceptedMessage message) {
        change(RELEASE, message, "release");
    }

    /** Takes the message out of the inbox: the recipient acknowledged or refused it for good. */
    public void remove(AcceptedMessage message) {
        change(DELETE, message, "remove from the inbox");
    }

    private void change(String statement, AcceptedMessage message, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(statement)) {
            update.setString(1, message.senderId());
            update.setString(2, message.messageId());
            update.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, message.messageId(), e);
        }
    }

    private static InboxMessage read(ResultSet row) throws SQLException {
        return new InboxMessage(message(row), row.getBytes(8));
    }

    private static AcceptedMessage message(ResultSet row) throws SQLException {
        return new AcceptedMessage(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7));
    }

    private static IllegalStateException failed(String what, String messageId, SQLException e) {
        return new IllegalStateException("cannot " + what + " async message '" + messageId + "': " + e.getMessage(), e);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
