package com.jobladder.client;

import com.jobladder.api.BatchResult;
import com.jobladder.api.CancelResult;
import com.jobladder.api.DelayedMessage;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobOutbox;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobStatus;
import com.jobladder.api.JobladderException;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.JobBundler;
import com.jobladder.internal.amqp.TransactionalPublisher;
import com.rabbitmq.client.AMQP;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The {@link JobScheduler} over RabbitMQ and the audit store. Build it with {@link JobSchedulerBuilder}. */
final class RabbitJobScheduler implements JobScheduler {
    /** The delayed-message plugin's header, which the relay reads: milliseconds. */
    private static final String X_DELAY = "x-delay";

    private static final int PERSISTENT = 2;
    private final BrokerSession session;
    private final JobBundler bundler;
    private final TransactionalPublisher transactions;
    private final JobEnvelopes envelopes;
    private final WorkersAuditStore store;
    private final Clock clock;
    private final SubmitObserver observer;
    /** Null when the builder was given no outbox. */
    private final JdbcJobOutbox outbox;

    RabbitJobScheduler(
            BrokerSession session,
            JobBundler bundler,
            TransactionalPublisher transactions,
            JobEnvelopes envelopes,
            WorkersAuditStore store,
            Clock clock,
            SubmitObserver observer,
            JdbcJobOutbox outbox) {
        this.session = session;
        this.bundler = bundler;
        this.transactions = transactions;
        this.envelopes = envelopes;
        this.store = store;
        this.clock = clock;
        this.observer = observer;
        this.outbox = outbox;
    }

    @Override
    public ScheduledJob schedule(JobRequest job) {
        try {
            return publish(job, true).join();
        } catch (CompletionException e) {
            throw failure(job, e.getCause());
        }
    }

    /** Never throws for a job it cannot schedule: the future fails with {@link ScheduleFailedException}. */
    @Override
    public CompletableFuture<ScheduledJob> scheduleAsync(JobRequest job) {
        return publish(job, false);
    }

    /**
     * @param awaited the caller joins the future itself and chains nothing onto it, so it may
     *                complete on the connection's thread ({@link JobBundler#publish})
     */
    private CompletableFuture<ScheduledJob> publish(JobRequest job, boolean awaited) {
        InvalidRequestException.requireNonNull(job, "job");
        Envelope envelope;
        try {
            envelope = envelopes.envelope(job, clock.instant());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(job, e));
        }
        CompletableFuture<Void> confirmed = bundler.publish(envelope, awaited);
        // Runs where the confirm completes: cheap and non-blocking, as the connection's thread needs.
        confirmed.whenComplete((ignored, failure) -> observer.submitted(envelope.type(), failure == null));
        return confirmed.thenApply(ignored -> new ScheduledJob(envelope.jobId(), job.type(), envelope.dueAt()));
    }

    @Override
    public BatchResult scheduleAll(List<JobRequest> jobs) {
        InvalidRequestException.requireNonNull(jobs, "jobs");
        List<CompletableFuture<ScheduledJob>> futures = new ArrayList<>(jobs.size());
        for (JobRequest job : jobs) {
            futures.add(publish(job, true));
        }
        List<ScheduledJob> scheduled = new ArrayList<>(jobs.size());
        List<BatchResult.Failure> failed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                scheduled.add(futures.get(i).join());
            } catch (CompletionException e) {
                failed.add(new BatchResult.Failure(i, jobs.get(i), failure(jobs.get(i), e.getCause())));
            }
        }
        return new BatchResult(scheduled, failed);
    }

    @Override
    public List<ScheduledJob> scheduleAllAtomically(List<JobRequest> jobs) {
        InvalidRequestException.requireNonNull(jobs, "jobs");
        Instant now = clock.instant();
        List<Envelope> batch = new ArrayList<>(jobs.size());
        for (JobRequest job : jobs) {
            batch.add(envelopes.envelope(InvalidRequestException.requireNonNull(job, "job"), now));
        }
        try {
            transactions.publishAll(batch);
        } catch (RuntimeException e) {
            batch.forEach(envelope -> observer.submitted(envelope.type(), false));
            throw e;
        }
        batch.forEach(envelope -> observer.submitted(envelope.type(), true));
        List<ScheduledJob> scheduled = new ArrayList<>(batch.size());
        for (Envelope envelope : batch) {
            scheduled.add(new ScheduledJob(envelope.jobId(), envelope.type(), envelope.dueAt()));
        }
        return scheduled;
    }

    @Override
    public void delay(DelayedMessage message) {
        InvalidRequestException.requireNonNull(message, "message");
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(X_DELAY, message.delayMillis(clock));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(message.contentType())
                .messageId(message.messageId())
                .deliveryMode(PERSISTENT)
                .headers(headers)
                .build();
        // Names the message in errors and matches a return to it.
        String id = message.messageId() != null ? message.messageId() : "delayed-message-" + UUID.randomUUID();
        try {
            session.confirmedPublisher()
                    .publishToAwait(id, message.delayedExchange(), message.routingKey(), properties, message.body())
                    .join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ScheduleFailedException known
                    ? known
                    : new ScheduleFailedException(id, String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** Every failure to schedule, whatever its cause, as the documented exception with the job's id. */
    private static ScheduleFailedException failure(JobRequest job, Throwable cause) {
        if (cause instanceof ScheduleFailedException known) {
            return known;
        }
        return new ScheduleFailedException(job.id(), String.valueOf(cause), cause);
    }

    @Override
    public JobOutbox outbox() {
        if (outbox == null) {
            throw new JobladderException("this scheduler has no outbox: build it with"
                    + " JobSchedulerBuilder.outbox(dataSource), the application database that holds jobladder_outbox");
        }
        return outbox;
    }

    @Override
    public CancelResult cancel(String jobId) {
        return store.get().cancel(JobIds.requireValid(jobId), clock.instant());
    }

    @Override
    public JobStatus status(String jobId) {
        return store.get().status(JobIds.requireValid(jobId));
    }

    @Override
    public void close() {
        if (outbox != null) {
            outbox.close();
        }
        transactions.close();
        bundler.close();
        session.close();
        store.close();
    }
}
