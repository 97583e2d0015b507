package org.qaqpa.log;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One archived piece of a chain (table {@code message_log_archive}, Flyway V9) and the file holding its rows.
 *
 * <p>The file is the rows' canonical texts ({@link HashChain}), each followed by its {@code row_hash=} line
 * and an empty line, in chain order: the very text each row hash was computed from, so an auditor checks a
 * row with {@code sha256sum} alone, and the chunk with nothing but this description.
 *
 * @param chunkName   the file's path relative to the archive directory: {@code CHAIN/FIRST-LAST.log}
 * @param chunkSha256 SHA-256 of the whole file, lowercase hex
 */
public record ArchiveChunk(String chainId, long firstPosition, long lastPosition, String lastRowHash,
                           Instant firstLoggedAt, Instant lastLoggedAt, String chunkName, String chunkSha256) {

    private static final String ROW_HASH = "row_hash=";

    /** Where the rows {@code first..last} of {@code chainId} go, relative to the archive directory. */
    static String nameOf(String chainId, long first, long last) {
        return chainId + "/" + String.format("%012d-%012d.log", first, last);
    }

    /** Writes one row as the chunk file holds it. */
    static void write(Writer out, LoggedRow row) throws IOException {
        out.write(HashChain.canonicalText(row));
        out.write(ROW_HASH + row.rowHash() + "\n\n");
    }

    /**
     * Checks the file of this chunk in {@code archiveDir}: present, with its SHA-256, and holding exactly the
     * rows {@code first..last}, each hashing to its row_hash and linking to the one before, the first to
     * {@code previousHash} (the last row hash of the chunk before, or the genesis hash).
     *
     * @return why the chunk does not hold, or empty
     */
    public Optional<String> check(Path archiveDir, String previousHash) {
        Path file = archiveDir.resolve(chunkName);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.of("its archive file " + file + " cannot be read: " + e);
        }
        if (!HashChain.sha256Hex(bytes).equals(chunkSha256)) {
            return Optional.of("its archive file " + file + " does not have the SHA-256 recorded for it: the file was changed");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        long position = firstPosition - 1;
        String lastHash = previousHash;
        for (String row : text.split("\n\n")) {
            if (row.isEmpty()) {
                continue;
            }
            Optional<String> fault = checkRow(row, position + 1, lastHash);
            if (fault.isPresent()) {
                return Optional.of("archive file " + chunkName + ", position " + (position + 1) + ": " + fault.get());
            }
            position++;
            lastHash = row.substring(row.lastIndexOf(ROW_HASH) + ROW_HASH.length());
        }
        if (position != lastPosition || !lastHash.equals(lastRowHash)) {
            return Optional.of("archive file " + chunkName + " ends at position " + position
                    + ", not at the recorded last position " + lastPosition + " with its hash");
        }
        return Optional.empty();
    }

    private Optional<String> checkRow(String row, long expectedPosition, String expectedPrevHash) {
        int hashLine = row.lastIndexOf(ROW_HASH);
        if (hashLine <= 0 || row.charAt(hashLine - 1) != '\n') {
            return Optional.of("the row has no row_hash line");
        }
        String hashed = row.substring(0, hashLine);
        String rowHash = row.substring(hashLine + ROW_HASH.length());
        if (!hashed.startsWith(HashChain.VERSION_LINE + "\n")
                || !hashed.contains("\nchain_id=" + chainId + "\n")
                || !hashed.contains("\nchain_position=" + expectedPosition + "\n")) {
            return Optional.of("not the row of chain '" + chainId + "' expected there (rows missing or out of order)");
        }
        if (!hashed.endsWith("\nprev_hash=" + expectedPrevHash + "\n")) {
            return Optional.of("its prev_hash does not match the row before it");
        }
        if (!HashChain.sha256Hex(hashed.getBytes(StandardCharsets.UTF_8)).equals(rowHash)) {
            return Optional.of("its text does not give its row_hash: the row was edited");
        }
        return Optional.empty();
    }
}
