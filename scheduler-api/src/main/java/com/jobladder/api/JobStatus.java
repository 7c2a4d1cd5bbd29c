package com.jobladder.api;

import java.util.List;

/** A job's state and every attempt recorded for it, oldest first. */
public record JobStatus(String jobId, JobState state, List<JobAttempt> attempts) {
    public JobStatus {
        attempts = List.copyOf(attempts);
    }
}
