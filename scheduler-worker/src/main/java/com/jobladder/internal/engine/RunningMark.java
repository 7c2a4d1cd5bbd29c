package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.audit.ExecutionStore;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a long run visible to {@code status}: if the handler is still busy after
 * {@link #AFTER}, a running mark is written; when the handler returns, the mark (if written) is
 * removed. Short jobs, the vast majority, cost no write at all.
 */
final class RunningMark {
    static final Duration AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RunningMark.class);

    private final ExecutionStore store;
    private final String workerId;
    private final Envelope envelope;
    private final ScheduledFuture<?> pending;
    private boolean marked;
    private boolean finished;

    RunningMark(
            ScheduledExecutorService timer, ExecutionStore store, String workerId, Envelope envelope, Instant started) {
        this.store = store;
        this.workerId = workerId;
        this.envelope = envelope;
        // The timer thread only hands the write to another thread: it also serves confirm timeouts.
        this.pending = timer.schedule(
                () -> CompletableFuture.runAsync(() -> mark(started)), AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void mark(Instant started) {
        if (finished) {
            return;
        }
        try {
            store.markRunning(envelope.jobId(), envelope.attempt(), workerId, started);
            marked = true;
        } catch (AuditUnavailableException e) {
            log.debug("job {} runs without a running mark: {}", envelope.jobId(), e.getMessage());
        }
    }

    synchronized void finished() {
        finished = true;
        pending.cancel(false);
        if (marked) {
            try {
                store.clearRunning(envelope.jobId());
            } catch (AuditUnavailableException e) {
                log.warn(
                        "Worker {}: cannot clear the running mark of job {} ({}); status shows RUNNING until the"
                                + " job's next attempt or success",
                        workerId,
                        envelope.jobId(),
                        e.getMessage());
            }
        }
    }
}
