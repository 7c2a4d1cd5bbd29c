package com.jobladder.internal.outbox;

import com.jobladder.internal.amqp.JobPublisher;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the relay, in one transaction of its own: lock a batch of committed rows due first,
 * publish them all with confirms (pipelined), delete the confirmed ones, set aside the ones no
 * worker would accept, commit. A row whose publish failed stays, unlocked by the commit, for the
 * next pass. A crash between the broker's confirm and the commit leaves confirmed rows in the
 * table: the next pass publishes them again, and the workers run a job id that already succeeded
 * at most once more as a recorded duplicate, never a second success.
 */
final class RelayPass {
    private static final Logger log = LoggerFactory.getLogger(RelayPass.class);

    private final DataSource dataSource;
    private final JobPublisher publisher;
    private final int batchSize;

    /**
     * @param taken   rows taken out of the table: published, or set aside
     * @param picked  rows the pass locked
     * @param failure the first publish that failed, or null; the rows it leaves wait for a later pass
     */
    record Result(int taken, int picked, Throwable failure) {}

    RelayPass(DataSource dataSource, JobPublisher publisher, int batchSize) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.batchSize = batchSize;
    }

    int batchSize() {
        return batchSize;
    }

    Result run() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Result result = publish(connection, OutboxTable.lockDueFirst(connection, batchSize));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Result publish(Connection connection, List<OutboxRow> rows) throws SQLException {
        List<OutboxRow> sent = new ArrayList<>(rows.size());
        List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
        int setAside = 0;
        for (OutboxRow row : rows) {
            if (row.problem() != null) {
                log.error(
                        "Outbox relay - row {} can never be published, {}; it stays in jobladder_outbox with this"
                                + " error for an operator and is no longer picked",
                        row.seq(),
                        row.problem());
                OutboxTable.setAside(connection, row.seq(), row.problem());
                setAside++;
            } else {
                sent.add(row);
                confirms.add(publisher.publish(row.envelope()));
            }
        }
        List<Long> confirmed = new ArrayList<>(sent.size());
        Throwable failure = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                confirms.get(i).join();
                confirmed.add(sent.get(i).seq());
                log.debug(
                        "Outbox relay - published job {}",
                        sent.get(i).envelope().jobId());
            } catch (CompletionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        OutboxTable.delete(connection, confirmed);
        return new Result(confirmed.size() + setAside, rows.size(), failure);
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
