package org.qaqpa.log;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.qaqpa.log.ChainReport.BrokenLink;

/**
 * Walks every chain of the message log from its first row and reports the first broken link: a row
 * whose content no longer gives its hash (edited), a row that does not link to the one before
 * (the row before it rewritten), a gap in the positions (rows deleted), a stored envelope that no
 * longer has its SHA-256, or a head that names a row the chain does not end with (newest rows deleted).
 *
 * <p>Rows are streamed in chain order, so memory stays flat however long the log is. A chain only
 * proves the rows it links; someone able to rewrite the whole table and recompute every hash can
 * only be caught by comparing the head hash with a copy kept elsewhere (docs/message-log.md).
 */
public final class ChainVerifier {

    private static final int FETCH_SIZE = 1000;
    // message_body's columns (log_id, body) share no name with message_log's, so none needs a qualifier.
    private static final String ROWS_WITH_BODIES = "SELECT " + MessageLogReader.COLUMNS + ", body FROM message_log"
            + " LEFT JOIN message_body ON log_id = id ORDER BY chain_id, chain_position";
    private static final int BODY_COLUMN = 20;

    private static final String ARCHIVED = "SELECT chain_id, first_position, last_position, last_row_hash, first_logged_at,"
            + " last_logged_at, chunk_name, chunk_sha256 FROM message_log_archive ORDER BY chain_id, first_position";

    private final DataSource dataSource;
    private final Optional<Path> archiveDir;

    /** Verifies the rows in the database; archived rows count through their archive records only. */
    public ChainVerifier(DataSource dataSource) {
        this(dataSource, Optional.empty());
    }

    /**
     * @param archiveDir where {@code qaqpa log archive} wrote its chunk files: each is checked too (its SHA-256
     *                   and every row in it); empty: the chain resumes after each archived chunk from its record
     */
    public ChainVerifier(DataSource dataSource, Optional<Path> archiveDir) {
        this.dataSource = dataSource;
        this.archiveDir = archiveDir;
    }

    public ChainReport verify() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // One snapshot for heads and rows, so rows a running gateway commits meanwhile are not taken
            // for a head that lags behind. H2's REPEATABLE READ snapshots each table at its first read, so
            // a head read before a commit and rows read after it disagreed (MessageLogTest caught it);
            // SERIALIZABLE snapshots the whole database in H2 and PostgreSQL. PostgreSQL also streams a
            // result set only inside a transaction.
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try {
                Walk walk = new Walk(heads(c), archived(c), archiveDir);
                return walk.report(walkRows(c, walk));
            } finally {
                c.rollback();
            }
        }
    }

    private static Optional<BrokenLink> walkRows(Connection c, Walk walk) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(ROWS_WITH_BODIES)) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    LoggedRow row;
                    try {
                        row = MessageLogReader.row(r);
                    } catch (IllegalArgumentException unknownKindOrChannel) {
                        return Optional.of(new BrokenLink(Optional.of(r.getLong(1)), r.getString(2), r.getLong(3),
                                "its kind or channel is not a value the gateway writes: the row was edited"));
                    }
                    Optional<BrokenLink> broken = walk.next(row, r.getBytes(BODY_COLUMN));
                    if (broken.isPresent()) {
                        return broken;
                    }
                }
            }
        }
        return walk.finish();
    }

    private record Head(long position, String rowHash) {
    }

    private static Map<String, Head> heads(Connection c) throws SQLException {
        Map<String, Head> heads = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT chain_id, chain_position, row_hash FROM message_log_head ORDER BY chain_id");
             ResultSet r = select.executeQuery()) {
            while (r.next()) {
                heads.put(r.getString(1), new Head(r.getLong(2), r.getString(3)));
            }
        }
        return heads;
    }

    private static Map<String, List<ArchiveChunk>> archived(Connection c) throws SQLException {
        Map<String, List<ArchiveChunk>> chunks = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(ARCHIVED); ResultSet r = select.executeQuery()) {
            while (r.next()) {
                chunks.computeIfAbsent(r.getString(1), chain -> new ArrayList<>()).add(new ArchiveChunk(r.getString(1),
                        r.getLong(2), r.getLong(3), r.getString(4), r.getObject(5, OffsetDateTime.class).toInstant(),
                        r.getObject(6, OffsetDateTime.class).toInstant(), r.getString(7), r.getString(8)));
            }
        }
        return chunks;
    }

    /** The state of one pass over the rows, in chain order. */
    private static final class Walk {

        private final Map<String, Head> heads;
        private final Map<String, List<ArchiveChunk>> archived;
        private final Optional<Path> archiveDir;
        private final Map<String, String> verifiedHeads = new LinkedHashMap<>();
        private long rows;
        private long archivedRows;
        private String chainId;
        private long position;
        private String lastHash;

        Walk(Map<String, Head> heads, Map<String, List<ArchiveChunk>> archived, Optional<Path> archiveDir) {
            this.heads = heads;
            this.archived = archived;
            this.archiveDir = archiveDir;
        }

        /** Checks that {@code row} continues the chain (or starts the next one). */
        Optional<BrokenLink> next(LoggedRow row, byte[] body) {
            if (!row.chainId().equals(chainId)) {
                Optional<BrokenLink> end = endChain();
                if (end.isPresent()) {
                    return end;
                }
                chainId = row.chainId();
                Optional<BrokenLink> archive = resumeAfterArchive();
                if (archive.isPresent()) {
                    return archive;
                }
            }
            Optional<String> fault = fault(row, body);
            if (fault.isPresent()) {
                return Optional.of(new BrokenLink(Optional.of(row.id()), chainId, row.position(), fault.get()));
            }
            rows++;
            position = row.position();
            lastHash = row.rowHash();
            return Optional.empty();
        }

        /** After the last row: the last chain must end at its head, and no head may be left without rows. */
        Optional<BrokenLink> finish() {
            Optional<BrokenLink> end = endChain();
            if (end.isPresent()) {
                return end;
            }
            return heads.entrySet().stream()
                    .filter(head -> !verifiedHeads.containsKey(head.getKey()))
                    .findFirst()
                    .map(head -> new BrokenLink(Optional.empty(), head.getKey(), head.getValue().position(),
                            "the head names position " + head.getValue().position()
                                    + " but the chain has no rows: all its rows were deleted"));
        }

        ChainReport report(Optional<BrokenLink> broken) {
            return new ChainReport(rows, archivedRows, verifiedHeads, broken);
        }

        /**
         * Where the chain's rows in the database must start: after its archived chunks, which must cover the
         * positions from 1 without a gap (and, with an archive directory, hold in their files).
         */
        private Optional<BrokenLink> resumeAfterArchive() {
            position = 0;
            lastHash = HashChain.GENESIS;
            for (ArchiveChunk chunk : archived.getOrDefault(chainId, List.of())) {
                if (chunk.firstPosition() != position + 1) {
                    return Optional.of(new BrokenLink(Optional.empty(), chainId, position + 1, "the archive records skip"
                            + " from position " + position + " to " + chunk.firstPosition() + ": message_log_archive was edited"));
                }
                if (archiveDir.isPresent()) {
                    Optional<String> fault = chunk.check(archiveDir.get(), lastHash);
                    if (fault.isPresent()) {
                        return Optional.of(new BrokenLink(Optional.empty(), chainId, chunk.firstPosition(), fault.get()));
                    }
                }
                archivedRows += chunk.lastPosition() - chunk.firstPosition() + 1;
                position = chunk.lastPosition();
                lastHash = chunk.lastRowHash();
            }
            return Optional.empty();
        }

        private Optional<String> fault(LoggedRow row, byte[] body) {
            if (row.position() != position + 1) {
                return Optional.of(row.position() == position + 2
                        ? "position " + (position + 1) + " before it is missing: that row was deleted"
                        : "positions " + (position + 1) + " to " + (row.position() - 1)
                                + " before it are missing: those rows were deleted");
            }
            if (!row.prevHash().equals(lastHash)) {
                return Optional.of("its prev_hash does not match the row_hash of position " + position
                        + ": the row before it was edited and rehashed, or replaced");
            }
            if (!HashChain.rowHash(row).equals(row.rowHash())) {
                return Optional.of("its content does not give its row_hash: the row was edited");
            }
            if (body != null && (body.length != row.sizeBytes() || !HashChain.sha256Hex(body).equals(row.bodySha256()))) {
                return Optional.of("its stored envelope does not match size_bytes and body_sha256: the envelope was edited");
            }
            return Optional.empty();
        }

        private Optional<BrokenLink> endChain() {
            if (chainId == null) {
                return Optional.empty();
            }
            Head head = heads.get(chainId);
            if (head == null) {
                return Optional.of(new BrokenLink(Optional.empty(), chainId, position,
                        "the chain has no head row: message_log_head was edited"));
            }
            if (head.position() > position) {
                return Optional.of(new BrokenLink(Optional.empty(), chainId, position, "the head names position "
                        + head.position() + " but the chain ends at position " + position + ": the newest rows were deleted"));
            }
            if (head.position() != position || !head.rowHash().equals(lastHash)) {
                return Optional.of(new BrokenLink(Optional.empty(), chainId, position, "the head names position "
                        + head.position() + ", not the chain's last row (position " + position + ") with its hash:"
                        + " the head was edited"));
            }
            verifiedHeads.put(chainId, lastHash);
            return Optional.empty();
        }
    }
}
