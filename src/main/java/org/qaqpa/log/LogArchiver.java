package org.qaqpa.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.qaqpa.storage.SqlWrites;

/**
 * Moves the oldest rows of the message log out of the database into chunk files ({@link ArchiveChunk}), so
 * that {@code message_log} holds recent rows only, while the hash chain still verifies: from the archive
 * records alone ({@code qaqpa log verify}), or from the files as well ({@code --archive DIR}).
 *
 * <p>Per chain, the rows logged before the cutoff go in chunks of at most {@value #CHUNK_ROWS} rows, oldest
 * first; the chain's newest row always stays (its head links to it). Each chunk's file is written and synced
 * under its final name first; then one transaction records the chunk and deletes its rows (their stored
 * envelopes go with them). A failure between the two leaves a file that the next run writes again.
 */
public final class LogArchiver {

    static final int CHUNK_ROWS = 50_000;

    private static final String CHAINS = "SELECT chain_id, chain_position FROM message_log_head ORDER BY chain_id";
    private static final String RANGE = "SELECT MIN(chain_position), MAX(chain_position) FROM message_log"
            + " WHERE chain_id = ? AND logged_at < ? AND chain_position < ?";
    private static final String ROWS = "SELECT " + MessageLogReader.COLUMNS + " FROM message_log"
            + " WHERE chain_id = ? AND chain_position BETWEEN ? AND ? ORDER BY chain_position";
    private static final String RECORD = "INSERT INTO message_log_archive (chain_id, first_position, last_position,"
            + " last_row_hash, first_logged_at, last_logged_at, chunk_name, chunk_sha256, archived_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELETE = "DELETE FROM message_log WHERE chain_id = ? AND chain_position BETWEEN ? AND ?";

    private final DataSource dataSource;
    private final Path archiveDir;
    private final Clock clock;

    public LogArchiver(DataSource dataSource, Path archiveDir, Clock clock) {
        this.dataSource = dataSource;
        this.archiveDir = archiveDir;
        this.clock = clock;
    }

    /** Archives the rows of every chain logged before {@code cutoff}; returns the chunks written, oldest first per chain. */
    public List<ArchiveChunk> archiveBefore(Instant cutoff) throws SQLException, IOException {
        List<ArchiveChunk> written = new ArrayList<>();
        for (String[] chain : chains()) {
            long[] range = range(chain[0], cutoff, Long.parseLong(chain[1]));
            for (long first = range[0]; range[0] > 0 && first <= range[1]; first += CHUNK_ROWS) {
                written.add(archive(chain[0], first, Math.min(range[1], first + CHUNK_ROWS - 1)));
            }
        }
        return written;
    }

    private List<String[]> chains() throws SQLException {
        List<String[]> chains = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(CHAINS);
             ResultSet r = select.executeQuery()) {
            while (r.next()) {
                chains.add(new String[] {r.getString(1), Long.toString(r.getLong(2))});
            }
        }
        return chains;
    }

    /** First and last position to archive ({@code {0, 0}}: none): logged before the cutoff, and not the head row. */
    private long[] range(String chainId, Instant cutoff, long headPosition) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(RANGE)) {
            select.setString(1, chainId);
            select.setObject(2, MessageLog.utc(cutoff));
            select.setLong(3, headPosition);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                long first = r.getLong(1);
                return r.wasNull() ? new long[] {0, 0} : new long[] {first, r.getLong(2)};
            }
        }
    }

    private ArchiveChunk archive(String chainId, long first, long last) throws SQLException, IOException {
        String name = ArchiveChunk.nameOf(chainId, first, last);
        Path file = archiveDir.resolve(name);
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest sha256 = HashChain.sha256();
        LoggedRow firstRow = null;
        LoggedRow lastRow = null;
        long rows = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(ROWS);
             OutputStream bytes = Files.newOutputStream(partial);
             Writer out = new OutputStreamWriter(new DigestOutputStream(bytes, sha256), StandardCharsets.UTF_8)) {
            // PostgreSQL streams a result set (fetch size) only inside a transaction
            c.setAutoCommit(false);
            try {
                select.setFetchSize(1000);
                select.setString(1, chainId);
                select.setLong(2, first);
                select.setLong(3, last);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        lastRow = MessageLogReader.row(r);
                        firstRow = firstRow == null ? lastRow : firstRow;
                        ArchiveChunk.write(out, lastRow);
                        rows++;
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            out.flush();
        }
        if (rows != last - first + 1) {
            Files.deleteIfExists(partial);
            throw new SQLException("chain '" + chainId + "' has " + rows + " rows between positions " + first + " and " + last
                    + ", not " + (last - first + 1) + ": rows are missing; run qaqpa log verify (nothing was archived)");
        }
        // on disk before the rows are deleted: a crash must not leave rows that are neither here nor there
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ArchiveChunk chunk = new ArchiveChunk(chainId, first, last, lastRow.rowHash(), firstRow.loggedAt(),
                lastRow.loggedAt(), name, HexFormat.of().formatHex(sha256.digest()));
        SqlWrites.direct(dataSource).write(c -> {
            record(c, chunk);
            try (PreparedStatement delete = c.prepareStatement(DELETE)) {
                delete.setString(1, chainId);
                delete.setLong(2, first);
                delete.setLong(3, last);
                return delete.executeUpdate();
            }
        });
        return chunk;
    }

    private void record(Connection c, ArchiveChunk chunk) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(RECORD)) {
            insert.setString(1, chunk.chainId());
            insert.setLong(2, chunk.firstPosition());
            insert.setLong(3, chunk.lastPosition());
            insert.setString(4, chunk.lastRowHash());
            insert.setObject(5, MessageLog.utc(chunk.firstLoggedAt()));
            insert.setObject(6, MessageLog.utc(chunk.lastLoggedAt()));
            insert.setString(7, chunk.chunkName());
            insert.setString(8, chunk.chunkSha256());
            insert.setObject(9, MessageLog.utc(clock.instant()));
            insert.executeUpdate();
        }
    }
}
