package com.jobladder.client;

import com.jobladder.amqp.BrokerSession;
import com.jobladder.amqp.Envelope;
import com.jobladder.amqp.JobPublisher;
import com.jobladder.amqp.TransactionalPublisher;
import com.jobladder.api.BatchResult;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.CancelResult;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobStatus;
import com.jobladder.api.JobladderException;
import com.jobladder.api.ScheduledJob;
import com.jobladder.audit.AuditStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The {@link JobScheduler} over RabbitMQ and the audit store. Build it with {@link JobSchedulerBuilder}. */
final class RabbitJobScheduler implements JobScheduler {
    private final BrokerSession session;
    private final JobPublisher publisher;
    private final TransactionalPublisher transactions;
    private final AuditStore store;
    private final Clock clock;

    RabbitJobScheduler(BrokerSession session, TransactionalPublisher transactions, AuditStore store, Clock clock) {
        this.session = session;
        this.publisher = session.publisher();
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public ScheduledJob schedule(JobRequest job) {
        try {
            return scheduleAsync(job).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof JobladderException failure) {
                throw failure;
            }
            throw new JobladderException("scheduling a job of type " + job.type() + " failed: " + e.getCause(), e);
        }
    }

    @Override
    public CompletableFuture<ScheduledJob> scheduleAsync(JobRequest job) {
        Envelope envelope = envelope(job, clock.instant());
        return publisher.publish(envelope)
                .thenApply(ignored -> new ScheduledJob(envelope.jobId(), job.type(), envelope.dueAt()));
    }

    private Envelope envelope(JobRequest job, Instant now) {
        String jobId = job.id() != null ? job.id() : JobIds.generate(now);
        return new Envelope(jobId, job.type(), job.payload(), job.contentType(), job.dueAt(clock), 1, now, null,
                job.maxAttempts());
    }

    @Override
    public BatchResult scheduleAll(List<JobRequest> jobs) {
        List<CompletableFuture<ScheduledJob>> futures = new ArrayList<>(jobs.size());
        for (JobRequest job : jobs) {
            futures.add(scheduleAsync(job));
        }
        List<ScheduledJob> scheduled = new ArrayList<>(jobs.size());
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                scheduled.add(futures.get(i).join());
            } catch (CompletionException e) {
                ScheduleFailedException error = e.getCause() instanceof ScheduleFailedException known ? known
                        : new ScheduleFailedException(String.valueOf(jobs.get(i).id()), e.getCause().toString(), e);
                failed.add(new BatchResult.Failure(i, jobs.get(i), error));
            }
        }
        return new BatchResult(scheduled, failed);
    }

    @Override
    public List<ScheduledJob> scheduleAllAtomically(List<JobRequest> jobs) {
        Instant now = clock.instant();
        List<Envelope> envelopes = new ArrayList<>(jobs.size());
        for (JobRequest job : jobs) {
            envelopes.add(envelope(job, now));
        }
        transactions.publishAll(envelopes);
        List<ScheduledJob> scheduled = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            scheduled.add(new ScheduledJob(envelope.jobId(), envelope.type(), envelope.dueAt()));
        }
        return scheduled;
    }

    @Override
    public CancelResult cancel(String jobId) {
        return store.cancel(JobIds.requireValid(jobId), clock.instant());
    }

    @Override
    public JobStatus status(String jobId) {
        return store.status(JobIds.requireValid(jobId));
    }

    @Override
    public void close() {
        transactions.close();
        session.close();
        store.close();
    }
}
