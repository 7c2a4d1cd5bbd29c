package com.jobladder.api;

import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Schedules jobs in the application's own database transaction (a transactional outbox): the job is
 * a row of the table {@code jobladder_outbox}, written with the application's rows, so it is
 * scheduled if and only if the transaction commits. A relay inside the application publishes
 * committed rows to the broker with publisher confirms and then deletes them; several application
 * instances may each run one on the same table. Get it from {@link JobScheduler#outbox()}.
 *
 * <p>Handing off: right after the commit, call {@link #committed()}, and the relay publishes at once.
 * A row whose commit nobody announces is found by the relay all the same: it looks again a few
 * milliseconds after each {@code schedule}, then at growing intervals up to its poll interval, and
 * a row a crashed process left behind is published by the next poll of any relay on the table.
 *
 * <p>Thread-safe. See docs/guarantees.md for what the outbox promises and what it costs.
 */
public interface JobOutbox {

    /**
     * Writes the job into the outbox table through {@code connection}, inside whatever transaction
     * it is in; never commits, rolls back or closes it. A relative delay ({@link JobRequest#after()})
     * counts from this call, not from the commit.
     *
     * @param connection the application's connection, in the transaction the job belongs to
     * @param job        the job to schedule
     * @return the job's id, type and due instant, as written (published once the transaction commits)
     * @throws InvalidRequestException when an argument is null
     * @throws ScheduleFailedException when the payload exceeds {@code jobladder.worker.max-payload-bytes}, the
     *                                 due time is out of range, or the insert failed (the message carries the
     *                                 database's words; the transaction is then usually to be rolled back)
     */
    ScheduledJob schedule(Connection connection, JobRequest job);

    /**
     * Writes the job through a connection of {@code dataSource}, which must hand out the connection of
     * the current transaction: under Spring's transaction management a
     * {@code TransactionAwareDataSourceProxy} does, so the job joins the {@code @Transactional}
     * method's transaction without further code (so does {@link #schedule(Connection, JobRequest)}
     * with the connection of {@code DataSourceUtils.getConnection}). A plain pool hands out a new
     * connection in auto-commit mode: the job is then committed on its own, at once.
     *
     * @param dataSource a data source bound to the caller's transaction
     * @param job        the job to schedule
     * @return the job's id, type and due instant, as written
     * @throws InvalidRequestException when an argument is null
     * @throws ScheduleFailedException for the reasons {@link #schedule(Connection, JobRequest)} lists, or when no
     *                                 connection could be had
     */
    ScheduledJob schedule(DataSource dataSource, JobRequest job);

    /**
     * Tells the relay that a transaction holding outbox rows has just committed, so that it publishes
     * them now instead of at its next look. Cheap and non-blocking; call it after
     * {@link Connection#commit()}, or from an after-commit hook such as Spring's
     * {@code TransactionSynchronization.afterCommit}. Calling it when nothing committed costs one query.
     */
    void committed();
}
