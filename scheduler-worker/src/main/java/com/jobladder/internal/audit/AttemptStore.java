package com.jobladder.internal.audit;

import com.jobladder.api.JobAttempt;
import java.util.List;

/** Where the batcher writes attempts. */
public interface AttemptStore {

    /**
     * Commits the attempts in one transaction. A SUCCEEDED attempt whose job id already has a
     * success (committed earlier, or earlier in the same batch) is stored as DUPLICATE instead;
     * the result lists the outcome stored for each attempt, in order. Throws
     * {@link com.jobladder.internal.jdbc.AuditRefusedException} when the database refuses any of
     * the rows, and any other runtime exception when an attempt cannot be turned into a row;
     * nothing is written then.
     */
    List<JobAttempt.Outcome> record(List<JobAttempt> attempts);
}
