package org.qaqpa.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.qaqpa.storage.ChunkedDelete;
import org.qaqpa.storage.PeriodicJob;
import org.qaqpa.storage.SqlWrites;
import javax.sql.DataSource;
import org.qaqpa.config.ConfigSection;
import org.qaqpa.error.ErrorCode;
import org.qaqpa.error.PrintableText;
import org.qaqpa.error.QaqpaFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses replayed and stale requests: a {@code messageId} is accepted once per sender
 * ({@code DUPLICATE_MESSAGE}), and only with a {@code messageDate} no older than the window and no
 * further in the future than the allowed skew ({@code MESSAGE_DATE_SKEW}).
 *
 * <p>The two checks hold each other up. The table {@code seen_message} (Flyway V3) only has to remember a
 * messageId while its messageDate is inside the window; after that the date check refuses a replay on
 * its own, so the purge deletes by messageDate and the table stays the size of one window of traffic.
 *
 * <p>The check is the insert: the primary key on (sender, messageId) decides, in one indexed statement,
 * also between gateway nodes sharing the database and between concurrent requests. No select comes
 * before it (that would let two copies through) and no lock is held in Java.
 *
 * <p>A messageId stays recorded once accepted here, also when the request is refused later (provider
 * fault, timeout, provider down): by then the request is in the message log under that messageId and
 * may have had effects at the provider (a timed-out call may still have been carried out), so a resend
 * is a new message and must carry a new messageId. Releasing the id would also need a second write per
 * refusal and could release the id of a copy that is still in flight. Requests refused before this
 * step (signature, member authentication, service not allowed) never reach it, so nobody but the
 * authenticated sender can use up its messageIds.
 */
public final class ReplayGuard implements AutoCloseable {

    /** How often the purge runs: every 10 minutes, or every window if that is shorter. */
    private static final Duration MAX_PURGE_PERIOD = Duration.ofMinutes(10);
    static final int PURGE_CHUNK = 1000;
    /** SQLSTATE of a unique-key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    private static final String INSERT = "INSERT INTO seen_message (sender_id, message_id, message_date, seen_at, session_id)"
            + " VALUES (?, ?, ?, ?, ?)";
    // A row whose messageDate left the window no longer protects anything: the same messageId with a
    // current date takes it over, so the outcome does not depend on when the purge last ran. The
    // condition is evaluated on the row under its lock, so of two such copies only one takes it over.
    private static final String TAKE_OVER_EXPIRED = "UPDATE seen_message SET message_date = ?, seen_at = ?, session_id = ?"
            + " WHERE sender_id = ? AND message_id = ? AND message_date < ?";
    private static final String FIRST_SEEN = "SELECT seen_at, session_id FROM seen_message"
            + " WHERE sender_id = ? AND message_id = ?";
    // Keys first, then a batch of deletes by primary key, as in BodyRetention: each chunk its own short
    // statement, so a first run after a long stop never holds one long transaction against the inserts.
    private static final String EXPIRED_KEYS = "SELECT sender_id, message_id FROM seen_message WHERE message_date < ?"
            + " ORDER BY message_date FETCH FIRST " + PURGE_CHUNK + " ROWS ONLY";
    private static final String DELETE = "DELETE FROM seen_message WHERE sender_id = ? AND message_id = ?";

    private final DataSource dataSource;
    private final SqlWrites writes;
    private final Duration window;
    private final Duration maxFutureSkew;
    private final Clock clock;
    private PeriodicJob scheduler;

    /**
     * @param window        how long a messageId is remembered, and the oldest messageDate accepted ({@code replay.window})
     * @param maxFutureSkew how far ahead of the gateway's clock a messageDate may be ({@code replay.max-future-skew})
     */
    public ReplayGuard(DataSource dataSource, Duration window, Duration maxFutureSkew, Clock clock) {
        this(dataSource, SqlWrites.direct(dataSource), window, maxFutureSkew, clock);
    }

    /** @param writes how the check's insert is committed (the gateway's {@link org.qaqpa.storage.GroupCommit}) */
    public ReplayGuard(DataSource dataSource, SqlWrites writes, Duration window, Duration maxFutureSkew, Clock clock) {
        if (window.isNegative() || window.isZero() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("window must be > 0 and max future skew >= 0");
        }
        this.dataSource = Objects.requireNonNull(dataSource);
        this.writes = Objects.requireNonNull(writes);
        this.window = window;
        this.maxFutureSkew = maxFutureSkew;
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Records the message as seen, or refuses it.
     *
     * @throws QaqpaFault {@code MESSAGE_DATE_SKEW} for a messageDate older than the window or further ahead
     *                    than the skew (the boundaries themselves are accepted); {@code DUPLICATE_MESSAGE}
     *                    when this sender's messageId was accepted before within the window
     */
    public void accept(String senderId, String messageId, Instant messageDate, String sessionId) {
        Instant now = clock.instant();
        checkDate(messageDate, now);
        try {
            writes.write(c -> {
                if (!insert(c, senderId, messageId, messageDate, now, sessionId)
                        && !takeOverExpired(c, senderId, messageId, messageDate, now, sessionId)) {
                    throw duplicate(c, senderId, messageId);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("replay check failed for a message of sender '" + PrintableText.of(senderId)
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * The check itself: false when the primary key already holds this messageId. Inside a savepoint, because
     * a failed statement aborts the whole transaction in PostgreSQL, and other writes may share it.
     */
    private static boolean insert(Connection c, String senderId, String messageId, Instant messageDate, Instant now,
                                  String sessionId) throws SQLException {
        Savepoint beforeInsert = c.setSavepoint();
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, senderId);
            insert.setString(2, messageId);
            insert.setObject(3, utc(messageDate));
            insert.setObject(4, utc(now));
            insert.setString(5, sessionId);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeInsert);
            return false;
        }
    }

    private void checkDate(Instant messageDate, Instant now) {
        Instant latest = now.plus(maxFutureSkew);
        if (messageDate.isAfter(latest)) {
            throw new QaqpaFault(ErrorCode.MESSAGE_DATE_SKEW, "The messageDate " + messageDate + " is more than "
                    + ConfigSection.formatDuration(maxFutureSkew) + " ahead of the gateway's clock (" + now
                    + "); the latest accepted is " + latest + ".");
        }
        Instant oldest = now.minus(window);
        if (messageDate.isBefore(oldest)) {
            throw new QaqpaFault(ErrorCode.MESSAGE_DATE_SKEW, "The messageDate " + messageDate + " is more than "
                    + ConfigSection.formatDuration(window) + " behind the gateway's clock (" + now
                    + "); the oldest accepted is " + oldest + ".");
        }
    }

    private boolean takeOverExpired(Connection c, String senderId, String messageId, Instant messageDate, Instant now,
                                    String sessionId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(TAKE_OVER_EXPIRED)) {
            update.setObject(1, utc(messageDate));
            update.setObject(2, utc(now));
            update.setString(3, sessionId);
            update.setString(4, senderId);
            update.setString(5, messageId);
            update.setObject(6, utc(now.minus(window)));
            return update.executeUpdate() == 1;
        }
    }

    private static QaqpaFault duplicate(Connection c, String senderId, String messageId) throws SQLException {
        String firstSeen = "earlier";
        try (PreparedStatement select = c.prepareStatement(FIRST_SEEN)) {
            select.setString(1, senderId);
            select.setString(2, messageId);
            try (ResultSet row = select.executeQuery()) {
                // Gone only if the purge removed it in between; the message is a duplicate all the same.
                if (row.next()) {
                    firstSeen = "at " + row.getObject(1, OffsetDateTime.class).toInstant() + " (sessionId "
                            + row.getString(2) + ")";
                }
            }
        }
        return new QaqpaFault(ErrorCode.DUPLICATE_MESSAGE, "The messageId '" + PrintableText.of(messageId)
                + "' of sender '" + PrintableText.of(senderId) + "' was already accepted " + firstSeen
                + "; a new message needs a new messageId.");
    }

    /** Deletes the rows whose messageDate is older than the window (the date check refuses those); returns how many. */
    public long purgeExpired() throws SQLException {
        return ChunkedDelete.run(dataSource, EXPIRED_KEYS, DELETE, utc(clock.instant().minus(window)), 2, PURGE_CHUNK);
    }

    /** Runs {@link #purgeExpired} every 10 minutes (or every window, if shorter) until closed. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        Duration period = window.compareTo(MAX_PURGE_PERIOD) < 0 ? window : MAX_PURGE_PERIOD;
        scheduler = PeriodicJob.start("qaqpa-replay-purge", period, this::purgeOnce);
    }

    private void purgeOnce() {
        try {
            long deleted = purgeExpired();
            if (deleted > 0) {
                LOG.debug("replay guard: forgot {} messageIds whose messageDate is older than {}", deleted,
                        ConfigSection.formatDuration(window));
            }
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; a failure must not end the schedule.
            LOG.warn("replay guard: purging old messageIds failed: {}", e.toString());
        }
    }

    /** Stops the purge schedule, waiting up to 10 s for a run in progress. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
