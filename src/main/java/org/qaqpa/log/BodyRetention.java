package org.qaqpa.log;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.qaqpa.storage.ChunkedDelete;
import org.qaqpa.storage.PeriodicJob;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stored envelopes older than {@code log.retention}. Only the bodies go: a row's hash covers
 * the envelope's SHA-256 and size, not its bytes, so the chain still verifies and still proves what
 * was exchanged; the metadata rows stay until archiving (a later issue) moves them.
 *
 * <p>Bodies are deleted in chunks of {@value #CHUNK}, each its own transaction, so a first run over
 * months of envelopes never holds one long transaction against the log writer.
 */
public final class BodyRetention implements AutoCloseable {

    static final int CHUNK = 1000;
    /** How often the job runs: hourly, or more often for a retention shorter than an hour. */
    private static final Duration MAX_PERIOD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(BodyRetention.class);
    private static final String EXPIRED_IDS = "SELECT b.log_id FROM message_body b JOIN message_log l ON l.id = b.log_id"
            + " WHERE l.logged_at < ? ORDER BY b.log_id FETCH FIRST " + CHUNK + " ROWS ONLY";

    private final DataSource dataSource;
    private final Duration retention;
    private final Clock clock;
    private PeriodicJob scheduler;

    public BodyRetention(DataSource dataSource, Duration retention, Clock clock) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.clock = clock;
    }

    /** Deletes the bodies of rows logged more than the retention ago; returns how many. */
    public long deleteExpiredBodies() throws SQLException {
        return ChunkedDelete.run(dataSource, EXPIRED_IDS, "DELETE FROM message_body WHERE log_id = ?",
                MessageLog.utc(clock.instant().minus(retention)), 1, CHUNK);
    }

    /** Runs {@link #deleteExpiredBodies} every hour (or every retention period, if shorter) until closed. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        Duration period = retention.compareTo(MAX_PERIOD) < 0 ? retention : MAX_PERIOD;
        scheduler = PeriodicJob.start("qaqpa-log-retention", period, this::runOnce);
    }

    private void runOnce() {
        try {
            long deleted = deleteExpiredBodies();
            if (deleted > 0) {
                LOG.info("message log: deleted {} envelopes older than {}", deleted, retention);
            }
        } catch (SQLException | RuntimeException e) {
            // The next run tries again; a failure must not end the schedule.
            LOG.warn("message log: deleting old envelopes failed: {}", e.toString());
        }
    }

    /** Stops the schedule, waiting up to 10 s for a run in progress. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
