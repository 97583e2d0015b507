package org.qaqpa.log;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link ChainVerifier} found: how many rows it checked, the head of every chain, and the first
 * broken link if there is one (checking stops there: after a break nothing further is trustworthy).
 *
 * @param rows   rows checked in the database, across all chains
 * @param archivedRows rows before them that {@code qaqpa log archive} moved to chunk files (checked only with an
 *               archive directory)
 * @param heads  chain id to the {@code rowHash} of its last row, for the chains checked completely
 * @param broken the first problem, if any
 */
public record ChainReport(long rows, long archivedRows, Map<String, String> heads, Optional<BrokenLink> broken) {

    /**
     * A place where the chain does not hold.
     *
     * @param rowId    the database id of the row at fault; empty when the fault is a missing row at the end
     * @param chainId  the chain
     * @param position the chain position where the fault was found
     * @param reason   one English sentence: what does not match, and what that means
     */
    public record BrokenLink(Optional<Long> rowId, String chainId, long position, String reason) {
    }

    public boolean isIntact() {
        return broken.isEmpty();
    }
}
