package com.jobladder.api;

import java.util.List;

/**
 * A job's state and every attempt recorded for it, as {@link JobScheduler#status(String)} reports
 * them. Immutable.
 *
 * @param jobId    the job's id
 * @param state    where the job stands
 * @param attempts every attempt the workers recorded, oldest first; empty for a pending or unknown job
 */
public record JobStatus(String jobId, JobState state, List<JobAttempt> attempts) {
    /**
     * Keeps an unmodifiable copy of the attempts.
     *
     * @param jobId    the job's id
     * @param state    where the job stands
     * @param attempts the attempts, oldest first
     */
    public JobStatus {
        attempts = List.copyOf(attempts);
    }
}
