package com.jobladder.client;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobOutbox;
import com.jobladder.api.JobRequest;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.jdbc.SqlErrors;
import com.jobladder.internal.outbox.OutboxRelay;
import com.jobladder.internal.outbox.OutboxTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/** The {@link JobOutbox} over the table {@code jobladder_outbox} and this process's {@link OutboxRelay}. */
final class JdbcJobOutbox implements JobOutbox {
    private final JobEnvelopes envelopes;
    private final Clock clock;
    private final OutboxRelay relay;

    JdbcJobOutbox(JobEnvelopes envelopes, Clock clock, OutboxRelay relay) {
        this.envelopes = envelopes;
        this.clock = clock;
        this.relay = relay;
    }

    @Override
    public ScheduledJob schedule(Connection connection, JobRequest job) {
        InvalidRequestException.requireNonNull(connection, "connection");
        InvalidRequestException.requireNonNull(job, "job");
        Envelope envelope = envelopes.envelope(job, clock.instant());
        try {
            OutboxTable.insert(connection, envelope);
        } catch (SQLException e) {
            throw new ScheduleFailedException(
                    job.id(),
                    "writing it into jobladder_outbox failed: " + SqlErrors.describe(e)
                            + "; roll the transaction back (is the table there? scheduler migrate"
                            + " --outbox-jdbc-url creates it)",
                    e);
        }
        relay.scheduled();
        return new ScheduledJob(envelope.jobId(), envelope.type(), envelope.dueAt());
    }

    @Override
    public ScheduledJob schedule(DataSource dataSource, JobRequest job) {
        InvalidRequestException.requireNonNull(dataSource, "dataSource");
        InvalidRequestException.requireNonNull(job, "job");
        // A transaction-aware data source hands out the transaction's connection, and its close only releases it.
        try (Connection connection = dataSource.getConnection()) {
            return schedule(connection, job);
        } catch (SQLException e) {
            throw new ScheduleFailedException(
                    job.id(), "no connection to write it into jobladder_outbox: " + SqlErrors.describe(e), e);
        }
    }

    @Override
    public void committed() {
        relay.committed();
    }

    /** Stops the relay; rows it has not published wait in the table. */
    void close() {
        relay.close();
    }
}
