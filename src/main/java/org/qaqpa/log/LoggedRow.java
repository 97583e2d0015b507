package org.qaqpa.log;

import java.time.Instant;

/**
 * One row of the message log as stored: the entry's metadata, where it sits in its chain and its hashes.
 * Every field except {@code id} and {@code rowHash} is covered by {@code rowHash} ({@link HashChain}).
 *
 * @param id        the database's id of the row (not hashed: it only orders rows across chains)
 * @param position  1 for the first row of a chain, then one more per row
 * @param loggedAt  when the gateway logged the row, to the microsecond
 * @param sizeBytes the length of the envelope in bytes
 * @param bodySha256 lowercase hex SHA-256 of the exact envelope bytes
 * @param prevHash  the {@code rowHash} of the row before in the chain, {@link HashChain#GENESIS} for the first
 */
public record LoggedRow(long id, String chainId, long position, Instant loggedAt, LogEntry.Kind kind,
                        LogEntry.Channel channel, String senderId, String originalSenderId, String serviceId, String messageId,
                        String sessionId, String correlationId, Instant messageDate, String status,
                        String errorCode, long sizeBytes, String bodySha256, String prevHash, String rowHash) {

    /** This row with the id the database gave it and its hash. */
    LoggedRow stored(long newId, String newRowHash) {
        return new LoggedRow(newId, chainId, position, loggedAt, kind, channel, senderId, originalSenderId, serviceId,
                messageId, sessionId,
                correlationId, messageDate, status, errorCode, sizeBytes, bodySha256, prevHash, newRowHash);
    }
}
