package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.log.LogFixtures.count;
import static org.qaqpa.log.LogFixtures.request;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.storage.Database;

class BodyRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path data;

    /** The migrated database of a data directory: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    Database database(Path dataDir) throws Exception {
        return LogFixtures.database(dataDir);
    }

    @Test
    void deletesOnlyEnvelopesOlderThanTheRetentionAndTheChainStillVerifies() throws Exception {
        try (Database db = database(data)) {
            // More old rows than one delete chunk, so the chunk loop runs more than once.
            int oldRows = BodyRetention.CHUNK * 2 + 5;
            record(db, T0, oldRows);
            record(db, T0.plus(Duration.ofDays(9)), 3);
            Clock now = Clock.fixed(T0.plus(Duration.ofDays(10)), ZoneOffset.UTC);

            long deleted = new BodyRetention(db.dataSource(), Duration.ofDays(7), now).deleteExpiredBodies();

            assertThat(deleted).isEqualTo(oldRows);
            assertThat(count(db, "SELECT COUNT(*) FROM message_body")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM message_log")).isEqualTo(oldRows + 3);
            ChainReport report = new ChainVerifier(db.dataSource()).verify();
            assertThat(report.broken()).isEmpty();
            assertThat(report.rows()).isEqualTo(oldRows + 3);
        }
    }

    @Test
    void keepsEnvelopesYoungerThanTheRetention() throws Exception {
        try (Database db = database(data)) {
            record(db, T0, 2);
            Clock now = Clock.fixed(T0.plus(Duration.ofDays(6)), ZoneOffset.UTC);

            assertThat(new BodyRetention(db.dataSource(), Duration.ofDays(7), now).deleteExpiredBodies()).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM message_body")).isEqualTo(2);
        }
    }

    /** Records from many threads at once, so the writer commits them in few batches. */
    private static void record(Database db, Instant at, int rows) throws InterruptedException {
        ExecutorService callers = Executors.newFixedThreadPool(100);
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL,
                Clock.fixed(at, ZoneOffset.UTC))) {
            for (int i = 0; i < rows; i++) {
                String session = "{" + at + "-" + i + "}";
                callers.execute(() -> log.record(request(session, "<request/>")));
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }
    }
}
