package com.jobladder.audit;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobladderException;
import com.jobladder.config.AuditSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups attempts into batches and commits each batch in one transaction on its own thread: a
 * batch is whatever queued up while the previous one committed (up to {@code batch-size}), plus
 * what arrives within {@code batch-linger} if that is set. A future completes
 * only after its row committed. While the database is unavailable the same batch is retried
 * with backoff and its futures stay open, so the worker holds those messages unacknowledged
 * instead of losing or redelivering them.
 */
public final class AuditBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditBatcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

    private record Pending(JobAttempt attempt, CompletableFuture<JobAttempt.Outcome> committed) {
    }

    private final AuditStore store;
    private final int batchSize;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    public AuditBatcher(AuditStore store, AuditSettings settings) {
        this.store = store;
        this.batchSize = settings.batchSize();
        this.lingerNanos = settings.batchLinger().toNanos();
        this.writer = new Thread(this::writeLoop, "jobladder-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public CompletableFuture<JobAttempt.Outcome> record(JobAttempt attempt) {
        CompletableFuture<JobAttempt.Outcome> committed = new CompletableFuture<>();
        if (closing) {
            committed.completeExceptionally(notRecorded());
        } else {
            queue.add(new Pending(attempt, committed));
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
                commitWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        failAll(batch);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left);
    }

    private void commitWithRetry(List<Pending> batch) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            try {
                List<JobAttempt> attempts = batch.stream().map(Pending::attempt).toList();
                List<JobAttempt.Outcome> stored = store.record(attempts);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).committed().complete(stored.get(i));
                }
                return;
            } catch (AuditUnavailableException e) {
                if (closing) {
                    giveUpAt = Math.min(giveUpAt, System.nanoTime() + CLOSE_DEADLINE.toNanos());
                    if (System.nanoTime() > giveUpAt) {
                        throw new InterruptedException("closing with the audit store unavailable");
                    }
                }
                log.warn("Audit store unavailable: {}; holding {} attempt(s) unacknowledged, retrying in {} ms",
                        e.getMessage(), batch.size() + queue.size(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void failAll(List<Pending> pending) {
        for (Pending p : pending) {
            p.committed().completeExceptionally(notRecorded());
        }
        pending.clear();
    }

    private static JobladderException notRecorded() {
        return new JobladderException("the attempt was not recorded: the audit writer is closing; the message stays"
                + " unacknowledged and the broker redelivers it");
    }

    /** Writes what is queued (bounded), then fails the rest; idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_DEADLINE.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
    }
}
