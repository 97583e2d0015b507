package org.qaqpa.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.qaqpa.log.LogFixtures.execute;
import static org.qaqpa.log.LogFixtures.fault;
import static org.qaqpa.log.LogFixtures.request;

import java.nio.charset.StandardCharsets;
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
import org.qaqpa.log.ChainReport.BrokenLink;
import org.qaqpa.storage.Database;

/** Tampering with the log through plain JDBC, as anyone with write access to H2 could. */
class ChainVerifierTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T05:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private Database db;
    private final List<LoggedRow> rows = new ArrayList<>();

    /** The migrated database of a data directory: the default H2 file here, PostgreSQL in the {@code *PostgresIT} subclass. */
    Database database(Path dataDir) throws Exception {
        return LogFixtures.database(dataDir);
    }

    @BeforeEach
    void logFiveRows() throws Exception {
        db = database(data);
        try (MessageLog log = new MessageLog(db.dataSource(), MessageLog.DEFAULT_CHAIN, StoreMode.ALL, CLOCK)) {
            for (int i = 1; i <= 5; i++) {
                rows.add(log.record(i % 2 == 0 ? fault("{s-" + i + "}", "<fault n='" + i + "'/>")
                        : request("{s-" + i + "}", "<request n='" + i + "'/>")));
            }
        }
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void acceptsTheUntamperedLog() throws Exception {
        ChainReport report = verify();

        assertThat(report.broken()).isEmpty();
        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.heads()).containsExactly(entry("main", rows.get(4).rowHash()));
    }

    @Test
    void acceptsAnEmptyLog(@TempDir Path otherData) throws Exception {
        try (Database empty = database(otherData)) {
            ChainReport report = new ChainVerifier(empty.dataSource()).verify();

            assertThat(report.broken()).isEmpty();
            assertThat(report.rows()).isZero();
            assertThat(report.heads()).isEmpty();
        }
    }

    @Test
    void reportsTheRowWhoseFieldWasEdited() throws Exception {
        execute(db, "UPDATE message_log SET error_code = NULL WHERE id = ?", rows.get(1).id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.of(rows.get(1).id()), "main", 2,
                "its content does not give its row_hash: the row was edited"));
    }

    @Test
    void reportsTheRowWhoseTimeWasEdited() throws Exception {
        execute(db, "UPDATE message_log SET logged_at = logged_at + INTERVAL '1' SECOND WHERE id = ?", rows.get(2).id());

        assertThat(brokenLink().rowId()).contains(rows.get(2).id());
    }

    @Test
    void reportsTheRowAfterOneEditedAndRehashed() throws Exception {
        LoggedRow edited = rows.get(1);
        LoggedRow forged = new LoggedRow(edited.id(), edited.chainId(), edited.position(), edited.loggedAt(),
                edited.kind(), edited.channel(), "someone-else", edited.originalSenderId(), edited.serviceId(), edited.messageId(),
                edited.sessionId(), edited.correlationId(), edited.messageDate(), edited.status(), edited.errorCode(),
                edited.sizeBytes(), edited.bodySha256(), edited.prevHash(), null);
        execute(db, "UPDATE message_log SET sender_id = ?, row_hash = ? WHERE id = ?", "someone-else",
                HashChain.rowHash(forged), edited.id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.of(rows.get(2).id()), "main", 3,
                "its prev_hash does not match the row_hash of position 2: the row before it was edited and rehashed,"
                        + " or replaced"));
    }

    @Test
    void reportsAnEditedEnvelope() throws Exception {
        execute(db, "UPDATE message_body SET body = ? WHERE log_id = ?",
                "<request n='9'/>".getBytes(StandardCharsets.UTF_8), rows.get(2).id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.of(rows.get(2).id()), "main", 3,
                "its stored envelope does not match size_bytes and body_sha256: the envelope was edited"));
    }

    @Test
    void reportsARowDeletedInTheMiddle() throws Exception {
        execute(db, "DELETE FROM message_log WHERE id = ?", rows.get(2).id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.of(rows.get(3).id()), "main", 4,
                "position 3 before it is missing: that row was deleted"));
    }

    @Test
    void reportsTheNewestRowDeleted() throws Exception {
        execute(db, "DELETE FROM message_log WHERE id = ?", rows.get(4).id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.empty(), "main", 4,
                "the head names position 5 but the chain ends at position 4: the newest rows were deleted"));
    }

    @Test
    void reportsEveryRowDeleted() throws Exception {
        execute(db, "DELETE FROM message_log");

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.empty(), "main", 5,
                "the head names position 5 but the chain has no rows: all its rows were deleted"));
    }

    @Test
    void reportsTheHeadDeleted() throws Exception {
        execute(db, "DELETE FROM message_log_head");

        assertThat(brokenLink().reason()).isEqualTo("the chain has no head row: message_log_head was edited");
    }

    @Test
    void reportsAKindTheGatewayNeverWrites() throws Exception {
        execute(db, "UPDATE message_log SET kind = 'NOTHING' WHERE id = ?", rows.get(0).id());

        assertThat(brokenLink()).isEqualTo(new BrokenLink(Optional.of(rows.get(0).id()), "main", 1,
                "its kind or channel is not a value the gateway writes: the row was edited"));
    }

    @Test
    void acceptsEnvelopesRemovedAsRetentionDoes() throws Exception {
        execute(db, "DELETE FROM message_body WHERE log_id = ?", rows.get(1).id());

        assertThat(verify().broken()).isEmpty();
    }

    private ChainReport verify() throws Exception {
        return new ChainVerifier(db.dataSource()).verify();
    }

    private BrokenLink brokenLink() throws Exception {
        return verify().broken().orElseThrow(() -> new AssertionError("the verifier found nothing"));
    }
}
