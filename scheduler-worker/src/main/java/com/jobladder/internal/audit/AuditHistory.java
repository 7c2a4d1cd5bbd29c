package com.jobladder.internal.audit;

import com.jobladder.api.JobAttempt;
import java.util.List;

/** What the pages, the command line and the live summary read of the audit log. */
public interface AuditHistory {

    /** The last {@code limit} attempts of jobs fired by a cron schedule, newest first. */
    List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit);

    /** Attempts recorded in all, for summaries. */
    long attemptCount();

    /** Distinct jobs that have succeeded, for summaries. */
    long successCount();
}
