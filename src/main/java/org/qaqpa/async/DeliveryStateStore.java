package org.qaqpa.async;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.qaqpa.storage.SqlWrites;

/**
 * The delivery state of accepted async messages (table {@code async_message}, Flyway V4), which
 * {@code getMessageStatus} answers from. The broker's journal is what guarantees delivery; this table
 * is what senders and operators see. Each change after acceptance writes the whole row when it is
 * missing (a database that lost its last commits in a crash, or one cleaned by hand), so the state
 * always catches up with what the broker did.
 */
public final class DeliveryStateStore {

    private static final String INSERT = "INSERT INTO async_message (sender_id, message_id, service_id, correlation_id,"
            + " message_type, session_id, state, accepted_at, state_at, delivered_at, attempts, last_error)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM async_message WHERE sender_id = ? AND message_id = ?";
    private static final String ATTEMPT_FAILED = "UPDATE async_message SET attempts = attempts + 1, last_error = ?"
            + " WHERE sender_id = ? AND message_id = ?";
    private static final String DELIVERED = "UPDATE async_message SET state = ?, state_at = ?, delivered_at = ?,"
            + " attempts = attempts + 1, last_error = NULL WHERE sender_id = ? AND message_id = ?";
    private static final String ENDED = "UPDATE async_message SET state = ?, state_at = ?, attempts = attempts + 1,"
            + " last_error = ? WHERE sender_id = ? AND message_id = ?";
    private static final String SELECT = "SELECT sender_id, message_id, state, accepted_at, state_at, delivered_at,"
            + " attempts, last_error, service_id, session_id, correlation_id, message_type, forwarded_to FROM async_message";
    private static final String FORWARDED = "UPDATE async_message SET forwarded_to = ?, attempts = attempts + 1,"
            + " last_error = NULL WHERE sender_id = ? AND message_id = ?";
    private static final String REDELIVERING = "UPDATE async_message SET state = ?, state_at = ?, attempts = 0,"
            + " last_error = NULL WHERE sender_id = ? AND message_id = ? AND state = ?";
    private static final String RESTORE = "UPDATE async_message SET state = ?, state_at = ?, attempts = ?, last_error = ?"
            + " WHERE sender_id = ? AND message_id = ? AND state = ?";
    private static final int MAX_ERROR = 1000;

    private final DataSource dataSource;
    private final SqlWrites writes;
    private final Clock clock;

    public DeliveryStateStore(DataSource dataSource, Clock clock) {
        this(dataSource, SqlWrites.direct(dataSource), clock);
    }

    /** @param writes how state changes are committed (the gateway's {@link org.qaqpa.storage.GroupCommit}) */
    public DeliveryStateStore(DataSource dataSource, SqlWrites writes, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.writes = Objects.requireNonNull(writes);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Records a message just accepted: {@code ON_DELIVERY}, no attempt yet. */
    public void accepted(AcceptedMessage message) {
        Instant now = clock.instant();
        try {
            writes.write(c -> {
                insert(c, message, MessageState.ON_DELIVERY, now, null, 0, null);
                return null;
            });
        } catch (SQLException e) {
            throw failed("record the acceptance of", message, e);
        }
    }

    /** Forgets a message whose acceptance failed after it was recorded (the broker did not take it). */
    public void forget(AcceptedMessage message) {
        try {
            writes.write(c -> {
                try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                    delete.setString(1, message.senderId());
                    delete.setString(2, message.messageId());
                    return delete.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failed("forget", message, e);
        }
    }

    /** Counts a failed delivery attempt and keeps its reason; the state stays {@code ON_DELIVERY}. */
    public void attemptFailed(AcceptedMessage message, String error) {
        String reason = cut(error);
        try {
            change(ATTEMPT_FAILED, new Object[] {reason, message.senderId(), message.messageId()},
                    c -> insert(c, message, MessageState.ON_DELIVERY, clock.instant(), null, 1, reason));
        } catch (SQLException e) {
            throw failed("count a delivery attempt of", message, e);
        }
    }

    /**
     * Another gateway node accepted the message ({@code to}: its address): it stays {@code ON_DELIVERY} here,
     * counting this attempt, until that node notifies its final state ({@link #forwardedWith}).
     */
    public void forwarded(AcceptedMessage message, String to) {
        Object[] values = {cut(to), message.senderId(), message.messageId()};
        try {
            change(FORWARDED, values, c -> {
                insert(c, message, MessageState.ON_DELIVERY, clock.instant(), null, 0, null);
                update(c, FORWARDED, values);
            });
        } catch (SQLException e) {
            throw failed("record the forwarding of", message, e);
        }
    }

    /** The recipient acknowledged the message: {@code DELIVERED}, counting this attempt. */
    public void delivered(AcceptedMessage message) {
        OffsetDateTime now = utc(clock.instant());
        try {
            change(DELIVERED, new Object[] {MessageState.DELIVERED.name(), now, now, message.senderId(), message.messageId()},
                    c -> insert(c, message, MessageState.DELIVERED, now.toInstant(), now.toInstant(), 1, null));
        } catch (SQLException e) {
            throw failed("record the delivery of", message, e);
        }
    }

    /** The last attempt failed (its reason is {@code error}): {@code DELIVERY_STOPPED}. */
    public void stopped(AcceptedMessage message, String error) {
        ended(message, MessageState.DELIVERY_STOPPED, error);
    }

    /** The PULL recipient refused the message for good ({@code MESSAGE_NOT_ACCTEPTED}, {@code NOT_RESEND}): {@code NOT_DELIVERED}. */
    public void notDelivered(AcceptedMessage message, String reason) {
        ended(message, MessageState.NOT_DELIVERED, reason);
    }

    /** A final state other than {@code DELIVERED}, counting this attempt and keeping why. */
    private void ended(AcceptedMessage message, MessageState state, String error) {
        Instant now = clock.instant();
        String reason = cut(error);
        try {
            change(ENDED, new Object[] {state.name(), utc(now), reason, message.senderId(), message.messageId()},
                    c -> insert(c, message, state, now, null, 1, reason));
        } catch (SQLException e) {
            throw failed("record the state " + state + " of", message, e);
        }
    }

    /** The state of the sender's message, if it was accepted. */
    public Optional<DeliveryStatus> status(String senderId, String messageId) {
        List<DeliveryStatus> found = select(" WHERE sender_id = ? AND message_id = ?", senderId, messageId);
        return found.stream().findFirst();
    }

    /** Every accepted message with this messageId, whoever sent it (messageIds are unique per sender only). */
    public List<DeliveryStatus> withMessageId(String messageId) {
        return select(" WHERE message_id = ?", messageId);
    }

    /** Every accepted message with this messageId that this gateway passed on to another gateway node. */
    public List<DeliveryStatus> forwardedWith(String messageId) {
        return select(" WHERE message_id = ? AND forwarded_to IS NOT NULL", messageId);
    }

    /**
     * Who sent an accepted {@code REQUEST} of {@code serviceId} with this messageId: the chain's requester
     * (several only when senders reused one another's messageIds), first accepted first.
     */
    public List<String> requestSenders(String messageId, String serviceId) {
        return senders("SELECT sender_id FROM async_message WHERE message_id = ? AND service_id = ? AND message_type = 'REQUEST'"
                + " ORDER BY accepted_at", messageId, serviceId);
    }

    /** Whether {@code senderId} has sent any async message of {@code serviceId} (it may await answers in its inbox). */
    public boolean hasSent(String senderId, String serviceId) {
        return !senders("SELECT sender_id FROM async_message WHERE sender_id = ? AND service_id = ? FETCH FIRST 1 ROWS ONLY",
                senderId, serviceId).isEmpty();
    }

    private List<String> senders(String query, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(query)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(row.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading async message senders failed: " + e.getMessage(), e);
        }
    }

    /** Every accepted message now in {@code state}, the longest in it first. */
    public List<DeliveryStatus> inState(MessageState state) {
        return select(" WHERE state = ? ORDER BY state_at, sender_id, message_id", state.name());
    }

    /**
     * An operator sends a stopped message again: {@code DELIVERY_STOPPED} becomes {@code ON_DELIVERY} with
     * no attempt counted yet, as for a message just accepted. Written before the broker moves the message,
     * so a delivery that follows at once cannot be overwritten by it.
     *
     * @return false if the message was not {@code DELIVERY_STOPPED} (any more)
     */
    public boolean redelivering(String senderId, String messageId) {
        Object[] values = {MessageState.ON_DELIVERY.name(), utc(clock.instant()), senderId, messageId,
            MessageState.DELIVERY_STOPPED.name()};
        try {
            return writes.write(c -> update(c, REDELIVERING, values)) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the redelivery of async message '" + messageId + "': "
                    + e.getMessage(), e);
        }
    }

    /** Puts back a state {@link #redelivering} replaced, when the broker then did not move the message. */
    public void restore(DeliveryStatus before) {
        Object[] values = {before.state().name(), utc(before.stateAt()), before.attempts(), before.lastError().orElse(null),
            before.senderId(), before.messageId(), MessageState.ON_DELIVERY.name()};
        try {
            writes.write(c -> update(c, RESTORE, values));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restore the state of async message '" + before.messageId() + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * One state change: the update, and when it finds no row, the whole row written by {@code missing} in the
     * same transaction (see the class comment).
     */
    private void change(String update, Object[] values, RowWriter missing) throws SQLException {
        writes.write(c -> {
            if (update(c, update, values) == 0) {
                missing.insert(c);
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface RowWriter {
        void insert(Connection c) throws SQLException;
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            return update.executeUpdate();
        }
    }

    private List<DeliveryStatus> select(String where, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT + where)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<DeliveryStatus> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new DeliveryStatus(row.getString(1), row.getString(2), MessageState.valueOf(row.getString(3)),
                            row.getObject(4, OffsetDateTime.class).toInstant(), row.getObject(5, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(row.getObject(6, OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                            row.getInt(7), Optional.ofNullable(row.getString(8)), row.getString(9), row.getString(10),
                            row.getString(11), row.getString(12), Optional.ofNullable(row.getString(13))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading async message states failed: " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, AcceptedMessage message, MessageState state, Instant at, Instant deliveredAt,
                               int attempts, String lastError) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, message.senderId());
            insert.setString(2, message.messageId());
            insert.setString(3, message.serviceId());
            insert.setString(4, message.correlationId());
            insert.setString(5, message.messageType());
            insert.setString(6, message.sessionId());
            insert.setString(7, state.name());
            insert.setObject(8, utc(at));
            insert.setObject(9, utc(at));
            insert.setObject(10, deliveredAt == null ? null : utc(deliveredAt));
            insert.setInt(11, attempts);
            insert.setString(12, lastError);
            insert.executeUpdate();
        }
    }

    private static String cut(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private static IllegalStateException failed(String what, AcceptedMessage message, SQLException e) {
        return new IllegalStateException("cannot " + what + " async message '" + message.messageId() + "': "
                + e.getMessage(), e);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
