package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qaqpa.log.LogFixtures.count;
import static org.qaqpa.log.LogFixtures.fault;
import static org.qaqpa.log.LogFixtures.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.storage.Database;

class MessageLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T05:00:01.987654321Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private Database db;

    /** The migrated database of a data directory: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    Database database(Path dataDir) throws Exception {
        return LogFixtures.database(dataDir);
    }

    @BeforeEach
    void openDatabase() throws Exception {
        db = database(data);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void recordsRowsThatLinkToEachOther() throws Exception {
        List<LoggedRow> rows = new ArrayList<>();
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            rows.add(log.record(request("{s-1}", "<request/>")));
            rows.add(log.record(fault("{s-1}", "<fault/>")));
            rows.add(log.record(request("{s-2}", "<request>2</request>")));
        }

        assertThat(rows).extracting(LoggedRow::position).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).prevHash()).isEqualTo(HashChain.GENESIS);
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).rowHash());
        assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).rowHash());
        assertThat(rows).allSatisfy(row -> assertThat(HashChain.rowHash(row)).isEqualTo(row.rowHash()));
        assertThat(rows.get(0).loggedAt()).isEqualTo(Instant.parse("2026-11-23T05:00:01.987654Z"));
        assertThat(rows.get(0).messageDate()).isEqualTo(Instant.parse("2026-11-23T05:00:00.123456Z"));
        assertThat(rows.get(0).bodySha256()).isEqualTo(HashChain.sha256Hex("<request/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(rows.get(0).sizeBytes()).isEqualTo(10);

        ChainReport report = new ChainVerifier(db.dataSource()).verify();
        assertThat(report.broken()).isEmpty();
        assertThat(report.rows()).isEqualTo(3);
        assertThat(report.heads()).containsEntry(MessageLog.DEFAULT_CHAIN, rows.get(2).rowHash());
    }

    @Test
    void readsBackAnExchangeAsItWasRecorded() throws Exception {
        LoggedRow recorded;
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            log.record(request("{other}", "<other/>"));
            recorded = log.record(fault("{s-1}", "<fault>ünïcode</fault>"));
        }

        MessageLogReader reader = new MessageLogReader(db.dataSource());
        assertThat(reader.exchange("{s-1}")).containsExactly(recorded);
        assertThat(reader.body(recorded.id())).hasValueSatisfying(body ->
                assertThat(body).isEqualTo("<fault>ünïcode</fault>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void storesNoEnvelopeInMetadataMode() throws Exception {
        LoggedRow row;
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.METADATA, CLOCK)) {
            row = log.record(request("{s-1}", "<request/>"));
        }

        assertThat(count(db, "SELECT COUNT(*) FROM message_body")).isZero();
        assertThat(new MessageLogReader(db.dataSource()).body(row.id())).isEmpty();
        assertThat(row.bodySha256()).isEqualTo(HashChain.sha256Hex("<request/>".getBytes(StandardCharsets.UTF_8)));
        assertThat(new ChainVerifier(db.dataSource()).verify().isIntact()).isTrue();
    }

    @Test
    void continuesTheChainAfterARestart() throws Exception {
        LoggedRow before;
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            before = log.record(request("{s-1}", "<request/>"));
        }
        db.close();
        db = database(data);

        LoggedRow after;
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            after = log.record(request("{s-2}", "<request/>"));
        }

        assertThat(after.position()).isEqualTo(2);
        assertThat(after.prevHash()).isEqualTo(before.rowHash());
        assertThat(new ChainVerifier(db.dataSource()).verify().rows()).isEqualTo(2);
    }

    @Test
    void refusesToForkTheChainWhenAnotherWriterMovedItsHead() throws Exception {
        try (MessageLog first = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK);
             MessageLog second = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            first.record(request("{s-1}", "<a/>"));
            second.record(request("{s-2}", "<b/>"));

            assertThatThrownBy(() -> first.record(request("{s-3}", "<c/>")))
                    .isInstanceOf(MessageLogException.class); // position 2 is taken: unique per chain
            // The failed writer reloads the head and goes on from where the chain really ends.
            assertThat(first.record(request("{s-4}", "<d/>")).position()).isEqualTo(3);
        }
        ChainReport report = new ChainVerifier(db.dataSource()).verify();
        assertThat(report.broken()).isEmpty();
        assertThat(report.rows()).isEqualTo(3);
    }

    @Test
    void refusesEntriesAfterClose() throws Exception {
        MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK);
        log.close();

        assertThatThrownBy(() -> log.record(request("{s-1}", "<request/>")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the message log is closed");
    }

    @Test
    void refusesFieldsAnAuditorCouldNotHash() {
        assertThatThrownBy(() -> new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, "a\nb", null, null,
                "{s}", null, null, "RECEIVED", null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("senderId contains a control character");
        assertThatThrownBy(() -> new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, null, null, "\ud800",
                "{s}", null, null, "RECEIVED", null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messageId contains an unpaired surrogate");
        assertThatThrownBy(() -> new LogEntry(LogEntry.Kind.REQUEST, LogEntry.Channel.SYNC, null, null,
                "m".repeat(1001), "{s}", null, null, "RECEIVED", null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messageId is longer than 1000 characters");
    }

    @Test
    void keepsEveryEntryOfTwoHundredConcurrentWritersInOneValidChain() throws Exception {
        int threads = 200;
        int perThread = 50;
        ConcurrentLinkedQueue<LoggedRow> recorded = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<ChainReport> reportsWhileWriting = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, Clock.systemUTC())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        String session = "{" + thread + "-" + i + "}";
                        recorded.add(log.record(request(session, "<request thread='" + thread + "' n='" + i + "'/>")));
                    }
                    return null;
                }));
            }
            go.countDown();
            // A verifier reading while the writer commits must see one consistent snapshot of heads and rows.
            for (int i = 0; i < 3; i++) {
                reportsWhileWriting.add(new ChainVerifier(db.dataSource()).verify());
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }

        int total = threads * perThread;
        assertThat(recorded).hasSize(total);
        assertThat(recorded).extracting(LoggedRow::position).doesNotHaveDuplicates()
                .allSatisfy(position -> assertThat(position).isBetween(1L, (long) total));
        assertThat(count(db, "SELECT COUNT(*) FROM message_log")).isEqualTo(total);
        assertThat(count(db, "SELECT COUNT(DISTINCT session_id) FROM message_log")).isEqualTo(total);
        assertThat(count(db, "SELECT COUNT(*) FROM message_body")).isEqualTo(total);
        assertThat(reportsWhileWriting).allSatisfy(report -> assertThat(report.broken()).isEmpty());
        ChainReport report = new ChainVerifier(db.dataSource()).verify();
        assertThat(report.broken()).isEmpty();
        assertThat(report.rows()).isEqualTo(total);
    }
}
