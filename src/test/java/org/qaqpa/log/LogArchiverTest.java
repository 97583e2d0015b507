package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qaqpa.log.LogFixtures.count;
import static org.qaqpa.log.LogFixtures.execute;
import static org.qaqpa.log.LogFixtures.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qaqpa.storage.Database;

/** {@link LogArchiver}: old rows leave the database for chunk files, and the chain verifies with and without them. */
class LogArchiverTest {

    private static final Instant OLD = Instant.parse("2026-09-01T05:00:00Z");
    private static final Instant NEW = Instant.parse("2026-11-23T05:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2026-10-01T00:00:00Z");

    @TempDir
    Path data;
    @TempDir
    Path archive;

    private Database db;
    private final List<LoggedRow> rows = new ArrayList<>();

    /** The migrated database of a data directory: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    Database database(Path dataDir) throws Exception {
        return LogFixtures.database(dataDir);
    }

    @BeforeEach
    void logFiveOldRowsAndThreeNew() throws Exception {
        db = database(data);
        record(OLD, 5);
        record(NEW, 3);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void movesTheOldRowsToAChunkAndTheChainStillVerifies() throws Exception {
        List<ArchiveChunk> chunks = archiver().archiveBefore(CUTOFF);

        assertThat(chunks).extracting(ArchiveChunk::chainId, ArchiveChunk::firstPosition, ArchiveChunk::lastPosition,
                ArchiveChunk::lastRowHash).containsExactly(org.assertj.core.groups.Tuple.tuple("main", 1L, 5L, rows.get(4).rowHash()));
        assertThat(count(db, "SELECT COUNT(*) FROM message_log")).isEqualTo(3);
        assertThat(count(db, "SELECT COUNT(*) FROM message_body")).as("their envelopes went with them").isEqualTo(3);
        ChainReport fromRecords = new ChainVerifier(db.dataSource()).verify();
        assertThat(fromRecords.broken()).isEmpty();
        assertThat(fromRecords.rows()).isEqualTo(3);
        assertThat(fromRecords.archivedRows()).isEqualTo(5);
        assertThat(fromRecords.heads()).containsEntry("main", rows.get(7).rowHash());
        assertThat(new ChainVerifier(db.dataSource(), Optional.of(archive)).verify().broken()).isEmpty();
    }

    @Test
    void chunkRowsHashWithNothingButTheirText() throws Exception {
        ArchiveChunk chunk = archiver().archiveBefore(CUTOFF).get(0);

        String text = Files.readString(archive.resolve(chunk.chunkName()), StandardCharsets.UTF_8);
        String firstRow = text.substring(0, text.indexOf("row_hash="));
        assertThat(HashChain.sha256Hex(firstRow.getBytes(StandardCharsets.UTF_8))).isEqualTo(rows.get(0).rowHash());
    }

    @Test
    void keepsTheNewestRowOfEachChain() throws Exception {
        List<ArchiveChunk> chunks = archiver().archiveBefore(NEW.plusSeconds(60));

        assertThat(chunks).extracting(ArchiveChunk::lastPosition).containsExactly(7L);
        assertThat(count(db, "SELECT COUNT(*) FROM message_log")).isEqualTo(1);
        assertThat(new ChainVerifier(db.dataSource(), Optional.of(archive)).verify().broken()).isEmpty();
    }

    @Test
    void aSecondRunLinksItsChunkToTheFirst() throws Exception {
        archiver().archiveBefore(CUTOFF);
        List<ArchiveChunk> second = archiver().archiveBefore(NEW.plusSeconds(60));

        assertThat(second).extracting(ArchiveChunk::firstPosition, ArchiveChunk::lastPosition)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(6L, 7L));
        ChainReport report = new ChainVerifier(db.dataSource(), Optional.of(archive)).verify();
        assertThat(report.broken()).isEmpty();
        assertThat(report.archivedRows()).isEqualTo(7);
    }

    @Test
    void findsAnEditedChunkFile() throws Exception {
        ArchiveChunk chunk = archiver().archiveBefore(CUTOFF).get(0);
        Path file = archive.resolve(chunk.chunkName());
        Files.writeString(file, Files.readString(file).replace("status=RECEIVED", "status=REFUSED"));

        assertThat(new ChainVerifier(db.dataSource()).verify().broken()).as("without the files: records only").isEmpty();
        ChainReport report = new ChainVerifier(db.dataSource(), Optional.of(archive)).verify();
        assertThat(report.broken()).get().extracting(ChainReport.BrokenLink::reason).asString()
                .contains("does not have the SHA-256 recorded for it");
    }

    @Test
    void findsAnEditedRowEvenWhenTheChunkHashWasRecomputed() throws Exception {
        ArchiveChunk chunk = archiver().archiveBefore(CUTOFF).get(0);
        Path file = archive.resolve(chunk.chunkName());
        String edited = Files.readString(file).replaceFirst("status=RECEIVED", "status=REFUSED");
        Files.writeString(file, edited);
        execute(db, "UPDATE message_log_archive SET chunk_sha256 = ?", HashChain.sha256Hex(edited.getBytes(StandardCharsets.UTF_8)));

        ChainReport report = new ChainVerifier(db.dataSource(), Optional.of(archive)).verify();
        assertThat(report.broken()).get().extracting(ChainReport.BrokenLink::reason).asString()
                .contains("position 1").contains("the row was edited");
    }

    @Test
    void findsRowsDeletedWithoutAnArchiveRecord() throws Exception {
        archiver().archiveBefore(CUTOFF);
        execute(db, "DELETE FROM message_log_archive");

        ChainReport report = new ChainVerifier(db.dataSource()).verify();
        assertThat(report.broken()).get().extracting(ChainReport.BrokenLink::reason).asString()
                .contains("positions 1 to 5 before it are missing");
    }

    private LogArchiver archiver() {
        return new LogArchiver(db.dataSource(), archive, Clock.fixed(NEW, ZoneOffset.UTC));
    }

    private void record(Instant at, int count) throws InterruptedException {
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL,
                Clock.fixed(at, ZoneOffset.UTC))) {
            for (int i = 0; i < count; i++) {
                int n = rows.size() + 1;
                rows.add(log.record(request("{s-" + n + "}", "<request n='" + n + "'/>")));
            }
        }
    }
}
