package org.qaqpa.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the sparse chunks of the embedded H2 file, the work H2's own background writer would do.
 *
 * <p><b>Why.</b> The gateway runs H2 with {@code WRITE_DELAY=0} (a commit is in the file when it returns,
 * {@link Database}). That setting also stops H2's background writer thread, and with it the only caller of
 * H2's housekeeping: every commit appends a chunk of the pages it changed (tens of KiB: the B-tree pages of
 * the row and its indexes), and a chunk whose pages are not all replaced later — a leaf of a random-key
 * index may not change again for hours — stays in the file, and its record in the heap, for ever. Measured
 * with 36,000 single-row commits at 300/s (docs/benchmarks.md, "H2 file growth"): a 1.45 GB file of 26,086
 * chunks 5 % full without this job.
 *
 * <p>Each run asks H2 ({@link MVStore#compact}) to move the live pages of the emptiest chunks older than its
 * retention time (45 s) into new ones, up to {@value #WRITE_PER_RUN_BYTES} bytes, when the chunks are less
 * than {@value #TARGET_FILL_RATE} % full overall; chunks left without live pages are freed once that retention
 * time has passed and their space is reused. H2 keeps the retention time so that a chunk a crash could still
 * need is never overwritten before the operating system has written the newer ones out.
 */
final class H2Compaction {

    static final Duration PERIOD = Duration.ofSeconds(1);
    static final int TARGET_FILL_RATE = 50;
    static final int WRITE_PER_RUN_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    private final DataSource dataSource;
    private boolean failureLogged;

    H2Compaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@link #runOnce} every {@link #PERIOD} on a daemon thread until the job is closed. */
    static PeriodicJob start(DataSource dataSource) {
        H2Compaction compaction = new H2Compaction(dataSource);
        return PeriodicJob.start("qaqpa-h2-compaction", PERIOD, compaction::runOnce);
    }

    /** One pass; true when H2 rewrote chunks. A failure is logged (once) and the next pass tries again. */
    boolean runOnce() {
        // A pooled connection per pass: the store is the one open now, never a closed one kept from before.
        try (Connection c = dataSource.getConnection()) {
            return store(c).map(store -> store.compact(TARGET_FILL_RATE, WRITE_PER_RUN_BYTES)).orElse(false);
        } catch (SQLException | RuntimeException e) {
            if (!failureLogged) {
                LOG.warn("compacting the H2 file failed (tried again every {} s, logged once): {}",
                        PERIOD.toSeconds(), e.toString());
                failureLogged = true;
            }
            return false;
        }
    }

    /** The file store behind an embedded connection; empty for a connection to an H2 server or a memory database. */
    static Optional<MVStore> store(Connection c) throws SQLException {
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (session instanceof SessionLocal local) {
            MVStore store = local.getDatabase().getStore().getMvStore();
            if (store.getFileStore() != null) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }
}
