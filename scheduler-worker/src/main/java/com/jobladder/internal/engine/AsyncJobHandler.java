package com.jobladder.internal.engine;

import com.jobladder.handler.JobContext;
import com.jobladder.handler.JobHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A built-in handler whose work ends in a broker callback (the relay's publisher confirm): it
 * starts the work and returns at once, so that its type's thread starts the next job while the
 * broker answers, in the order the jobs fell due. The future fails with
 * {@link PermanentJobFailure} for a job that can never succeed, with anything else to retry it.
 */
public interface AsyncJobHandler extends JobHandler {
    /** Starts the job without waiting for its outcome; must not block. */
    CompletableFuture<Void> start(JobContext job);

    /** The synchronous form, for callers that run handlers one by one. */
    @Override
    default void handle(JobContext job) throws Exception {
        try {
            start(job).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
