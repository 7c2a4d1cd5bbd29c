package com.jobladder.spring.boot;

import com.jobladder.api.BatchResult;
import com.jobladder.api.CancelResult;
import com.jobladder.api.DelayedMessage;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobOutbox;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobStatus;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.ScheduledJob;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The starter's scheduler with {@code jobladder.outbox.enabled}: inside a Spring transaction, every submit
 * writes its jobs into the outbox through the transaction's connection of the application's
 * {@link DataSource}, so they are scheduled if and only if the transaction commits, and an after-commit hook
 * tells the relay to publish them at once. Outside a transaction it publishes directly, as the plain
 * scheduler does. Cancel, status and close pass through, and so does {@link #delay}: the outbox holds job
 * requests, not relayed messages, so a delayed message is published at once even inside a transaction.
 */
final class TransactionalJobScheduler implements JobScheduler {
    private final JobScheduler delegate;
    private final DataSource dataSource;

    TransactionalJobScheduler(JobScheduler delegate, DataSource dataSource) {
        this.delegate = delegate;
        this.dataSource = dataSource;
    }

    @Override
    public ScheduledJob schedule(JobRequest job) {
        InvalidRequestException.requireNonNull(job, "job");
        return inTransaction() ? write(List.of(job)).get(0) : delegate.schedule(job);
    }

    @Override
    public CompletableFuture<ScheduledJob> scheduleAsync(JobRequest job) {
        InvalidRequestException.requireNonNull(job, "job");
        if (!inTransaction()) {
            return delegate.scheduleAsync(job);
        }
        try {
            return CompletableFuture.completedFuture(write(List.of(job)).get(0));
        } catch (ScheduleFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** In a transaction, the jobs commit or roll back together with it, so a failed row fails the call. */
    @Override
    public BatchResult scheduleAll(List<JobRequest> jobs) {
        requireJobs(jobs);
        if (!inTransaction()) {
            return delegate.scheduleAll(jobs);
        }
        return jobs.isEmpty() ? new BatchResult(List.of(), List.of()) : new BatchResult(write(jobs), List.of());
    }

    @Override
    public List<ScheduledJob> scheduleAllAtomically(List<JobRequest> jobs) {
        requireJobs(jobs);
        if (!inTransaction()) {
            return delegate.scheduleAllAtomically(jobs);
        }
        return jobs.isEmpty() ? List.of() : write(jobs);
    }

    @Override
    public JobOutbox outbox() {
        return delegate.outbox();
    }

    @Override
    public void delay(DelayedMessage message) {
        delegate.delay(message);
    }

    @Override
    public CancelResult cancel(String jobId) {
        return delegate.cancel(jobId);
    }

    @Override
    public JobStatus status(String jobId) {
        return delegate.status(jobId);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /**
     * An actual transaction, not just a transactional scope without one (propagation SUPPORTS), and one that
     * takes synchronizations, without which nobody would announce the commit.
     */
    private static boolean inTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** @param jobs at least one */
    private List<ScheduledJob> write(List<JobRequest> jobs) {
        JobOutbox outbox = delegate.outbox();
        List<ScheduledJob> written = new ArrayList<>(jobs.size());
        Connection connection;
        try {
            connection = DataSourceUtils.getConnection(dataSource);
        } catch (CannotGetJdbcConnectionException e) {
            throw new ScheduleFailedException(
                    jobs.get(0).id(), "no connection to the outbox's database: " + e.getMessage(), e);
        }
        try {
            for (JobRequest job : jobs) {
                written.add(outbox.schedule(connection, job));
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                outbox.committed();
            }
        });
        return written;
    }

    private static void requireJobs(List<JobRequest> jobs) {
        InvalidRequestException.requireNonNull(jobs, "jobs");
        for (int i = 0; i < jobs.size(); i++) {
            InvalidRequestException.requireNonNull(jobs.get(i), "jobs[" + i + "]");
        }
    }
}
