package com.jobladder.internal.jdbc;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobState;
import java.util.List;

/** Derives a job's state from what the audit log knows; the rules are listed in docs/guarantees.md. */
final class JobStates {
    private JobStates() {}

    static JobState derive(List<JobAttempt> attempts, boolean succeeded, boolean cancelled, boolean running) {
        // A SUCCEEDED row without its marker: retention deleted the marker first, a moment ago.
        if (succeeded || attempts.stream().anyMatch(a -> a.outcome() == JobAttempt.Outcome.SUCCEEDED)) {
            return JobState.SUCCEEDED;
        }
        if (running) {
            return JobState.RUNNING;
        }
        JobAttempt.Outcome last =
                attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).outcome();
        if (last == JobAttempt.Outcome.DEAD) {
            return JobState.DEAD;
        }
        if (cancelled || last == JobAttempt.Outcome.CANCELLED) {
            return JobState.CANCELLED;
        }
        if (last == JobAttempt.Outcome.SKIPPED) {
            return JobState.SKIPPED;
        }
        if (last == JobAttempt.Outcome.FAILED) {
            return JobState.RETRYING;
        }
        return JobState.PENDING;
    }
}
