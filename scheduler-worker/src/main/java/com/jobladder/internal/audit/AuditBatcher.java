package com.jobladder.internal.audit;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.amqp.SafeText;
import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.jdbc.AuditRefusedException;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import com.jobladder.internal.jdbc.SqlErrors;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups attempts into batches and commits each batch in one transaction on its own thread: a
 * batch is whatever queued up while the previous one committed (up to {@code batch-size}), plus
 * what arrives within {@code batch-linger} if that is set. A future completes
 * only after its row committed. While the database is unavailable the same batch is retried
 * with backoff and its futures stay open, so the worker holds those messages unacknowledged
 * instead of losing or redelivering them.
 *
 * <p>A row the database refuses (or that cannot be turned into a row) never holds the others:
 * the batch is split in halves until the offender stands alone, the rest commit as usual, and
 * the offender is recorded cleaned ({@link RowCleaner}); if even that is refused, its future
 * alone fails with {@link AuditRowRejectedException}. The writer thread survives any throwable.
 */
public final class AuditBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditBatcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private record Pending(JobAttempt attempt, CompletableFuture<JobAttempt.Outcome> committed) {}

    private final AttemptStore store;
    private final int batchSize;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final Thread writer;
    private volatile boolean closing;
    private volatile CommitObserver observer = CommitObserver.NONE;

    /** Told how long each batch took to commit, for metrics. */
    @FunctionalInterface
    public interface CommitObserver {
        CommitObserver NONE = (nanos, rows) -> {};

        /** Called on the writer thread after each commit; must not block. */
        void committed(long nanos, int rows);
    }

    public AuditBatcher(AttemptStore store, AuditSettings settings) {
        this.store = store;
        this.batchSize = settings.batchSize();
        this.lingerNanos = settings.batchLinger().toNanos();
        this.writer = DaemonThreads.named("jobladder-audit-writer").newThread(this::writeLoop);
        writer.start();
    }

    /**
     * Queues the attempt; the future completes with the outcome stored once its row committed,
     * or fails with {@link AuditRowRejectedException} (permanent: the row cannot be recorded) or
     * another {@link JobladderException} (the writer is closing: not recorded, try again elsewhere).
     */
    public CompletableFuture<JobAttempt.Outcome> record(JobAttempt attempt) {
        CompletableFuture<JobAttempt.Outcome> committed = new CompletableFuture<>();
        if (closing) {
            fail(new Pending(attempt, committed), notRecorded());
        } else {
            queue.add(new Pending(attempt, committed));
            if (closing && !writer.isAlive()) {
                failQueued();
            }
        }
        return committed;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // Group commit: whatever queued up while the last batch committed goes in this one,
                // so batches grow with the load and a lone attempt waits for nobody.
                queue.drainTo(batch, batchSize - batch.size());
                long deadline = System.nanoTime() + lingerNanos;
                while (batch.size() < batchSize && lingerNanos > 0) {
                    Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, batchSize - batch.size());
                }
                commit(batch);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            } catch (Throwable unexpected) {
                // Nothing may end this thread: without it no attempt is ever recorded again.
                log.error(
                        "Audit writer: unexpected {} while recording a batch of {} attempt(s); their messages are"
                                + " handed back to the broker unrecorded, and the writer goes on with the next batch",
                        unexpected,
                        batch.size(),
                        unexpected);
                failAll(batch, notRecorded(unexpected));
            }
        }
        failAll(batch, notRecorded());
        failQueued();
    }

    /**
     * Commits the batch, retrying while the store is unavailable. When the database refuses a
     * row, or a row cannot be built, the batch is split in halves until the offender stands
     * alone: one bad row in a batch of 200 costs about 16 extra commits, the common path none.
     */
    private void commit(List<Pending> batch) throws InterruptedException {
        List<JobAttempt.Outcome> stored;
        try {
            stored = recordWhileUnavailable(batch.stream().map(Pending::attempt).toList(), batch.size());
        } catch (RuntimeException refused) {
            if (batch.size() == 1) {
                recordCleaned(batch.get(0), refused);
                return;
            }
            log.debug(
                    "Audit writer: a batch of {} attempts holds a row that cannot be recorded ({}); splitting it",
                    batch.size(),
                    refused.getMessage());
            int half = batch.size() / 2;
            commit(batch.subList(0, half));
            commit(batch.subList(half, batch.size()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).committed().complete(stored.get(i));
        }
    }

    /** The offender alone: recorded cleaned, or its own future fails; the writer goes on either way. */
    private void recordCleaned(Pending offender, RuntimeException refused) throws InterruptedException {
        JobAttempt attempt = offender.attempt();
        String jobId = attempt.jobId() == null ? "<no id>" : SafeText.capped(attempt.jobId(), AuditColumns.JOB_ID);
        String reason = reasonOf(refused);
        JobAttempt.Outcome stored;
        try {
            stored = recordWhileUnavailable(List.of(RowCleaner.clean(attempt, reason)), 1)
                    .get(0);
        } catch (RuntimeException stillRefused) {
            String finalReason = reasonOf(stillRefused);
            log.error(
                    "Audit writer: the row of job {} attempt {} is refused even cleaned ({}; first: {}); that"
                            + " attempt fails alone, the others are recorded",
                    jobId,
                    attempt.attempt(),
                    finalReason,
                    reason);
            fail(offender, new AuditRowRejectedException(jobId, finalReason, stillRefused));
            return;
        }
        log.warn(
                "Audit writer: the row of job {} attempt {} was refused ({}); recorded it cleaned (text escaped"
                        + " and cut to its columns, timestamps clamped)",
                jobId,
                attempt.attempt(),
                reason);
        offender.committed().complete(stored);
    }

    private List<JobAttempt.Outcome> recordWhileUnavailable(List<JobAttempt> attempts, int held)
            throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                long start = System.nanoTime();
                List<JobAttempt.Outcome> stored = store.record(attempts);
                observer.committed(System.nanoTime() - start, attempts.size());
                return stored;
            } catch (AuditUnavailableException | AuditRefusedException e) {
                if (e instanceof AuditRefusedException refused && !refused.statementRefused()) {
                    throw refused;
                }
                if (closing) {
                    giveUpAt = Math.min(giveUpAt, System.nanoTime() + CLOSE_DEADLINE.toNanos());
                    if (System.nanoTime() > giveUpAt) {
                        throw new InterruptedException("closing with the audit store unavailable");
                    }
                }
                if (e instanceof AuditRefusedException) {
                    // Parameters cannot make a statement invalid: the schema or the role's rights are wrong.
                    log.error(
                            "Audit store refuses the statement itself, not a row: {}; fix the schema or the"
                                    + " database role; holding {} attempt(s) unacknowledged, retrying in {} ms",
                            e.getMessage(),
                            held + queue.size(),
                            backoff.toMillis());
                } else {
                    log.warn(
                            "Audit store unavailable: {}; holding {} attempt(s) unacknowledged, retrying in {} ms",
                            e.getMessage(),
                            held + queue.size(),
                            backoff.toMillis());
                }
                Thread.sleep(backoff.toMillis());
                backoff = Backoff.doubled(backoff, 1, MAX_BACKOFF);
            }
        }
    }

    /** What the database (or the conversion) said, escaped and short enough for a reason header. */
    private static String reasonOf(RuntimeException e) {
        String message = e instanceof AuditRefusedException && e.getCause() instanceof SQLException sql
                ? SqlErrors.describe(sql)
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return SafeText.capped(message, 500);
    }

    private void failQueued() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left, notRecorded());
    }

    private void failAll(List<Pending> pending, JobladderException failure) {
        for (Pending p : pending) {
            fail(p, failure);
        }
        pending.clear();
    }

    private void fail(Pending pending, JobladderException failure) {
        if (pending.committed().completeExceptionally(failure) && !(failure instanceof AuditRowRejectedException)) {
            unrecorded.incrementAndGet();
        }
    }

    private static JobladderException notRecorded() {
        return new JobladderException("the attempt was not recorded: the audit writer is closing; the message stays"
                + " unacknowledged and the broker redelivers it");
    }

    private static JobladderException notRecorded(Throwable cause) {
        return new JobladderException(
                "the attempt was not recorded: the audit writer failed with " + cause
                        + "; the message stays unacknowledged and the broker redelivers it",
                cause);
    }

    public void observe(CommitObserver newObserver) {
        this.observer = Objects.requireNonNull(newObserver, "observer");
    }

    /** Attempts queued and not yet committed. */
    public int pending() {
        return queue.size();
    }

    /** Attempts whose futures failed because the writer was closing or failed unexpectedly, so far. */
    public int unrecorded() {
        return unrecorded.get();
    }

    /** Writes what is queued (bounded), then fails the rest and says how many; idempotent. */
    @Override
    public void close() {
        boolean first = !closing;
        closing = true;
        try {
            writer.join(CLOSE_DEADLINE.toMillis() + 1_000);
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        if (first) {
            if (writer.isAlive()) {
                log.warn(
                        "Audit writer - stopped waiting; {} attempt(s) left unrecorded, and a batch still being"
                                + " written (its messages are acked only if it commits)",
                        unrecorded.get());
            } else {
                log.info(
                        "Audit writer - stopped; {} attempt(s) left unrecorded (their messages stay unacknowledged"
                                + " and the broker redelivers them)",
                        unrecorded.get());
            }
        }
    }
}
