package com.jobladder.internal.audit;

import java.time.Instant;

/** What retention deletes. */
public interface RetentionStore {

    /**
     * Deletes up to about {@code chunkSize} rows older than {@code cutoff} from one table, in one
     * short transaction, and returns how many; 0 once nothing older is left anywhere. A cancel
     * tombstone goes only after its job arrived and was skipped, however old it is.
     */
    int deleteExpiredChunk(Instant cutoff, int chunkSize);
}
