package com.jobladder.internal.engine;

import com.jobladder.api.JobAttempt;
import java.util.concurrent.CompletableFuture;

/** Records one attempt; the future completes once the row is committed, with the outcome stored. */
@FunctionalInterface
interface AttemptRecorder {
    CompletableFuture<JobAttempt.Outcome> record(JobAttempt attempt);
}
