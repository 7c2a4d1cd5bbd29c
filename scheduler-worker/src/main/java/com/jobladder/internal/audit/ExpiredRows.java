package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Retention: deletes rows past their age, a short chunk at a time; see {@link RetentionStore#deleteExpiredChunk}. */
final class ExpiredRows {
    private final AuditDatabase database;

    ExpiredRows(AuditDatabase database) {
        this.database = database;
    }

    int deleteChunk(Instant cutoff, int chunkSize) {
        return database.withConnection("delete audit rows older than " + cutoff, connection -> {
            for (AuditQueries.Expiring table : AuditQueries.EXPIRING) {
                int deleted = deleteChunk(connection, table, cutoff, chunkSize);
                if (deleted > 0) {
                    return deleted;
                }
            }
            return 0;
        });
    }

    /**
     * Deletes the rows up to the n-th oldest expired one. Bounding by a timestamp keeps both
     * statements on the table's timestamp index; {@code WHERE id IN (SELECT ... LIMIT n)} made
     * PostgreSQL scan the whole table. Rows sharing the bound's timestamp can make a chunk a
     * little larger than n.
     */
    private static int deleteChunk(Connection connection, AuditQueries.Expiring table, Instant cutoff, int chunkSize)
            throws SQLException {
        OffsetDateTime bound = null;
        try (PreparedStatement select = connection.prepareStatement(table.chunkBound())) {
            select.setObject(1, timestamp(cutoff));
            select.setInt(2, chunkSize - 1);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    bound = row.getObject(1, OffsetDateTime.class);
                }
            }
        }
        try (PreparedStatement delete =
                connection.prepareStatement(bound != null ? table.deleteUpToBound() : table.deleteBeforeCutoff())) {
            delete.setObject(1, bound != null ? bound : timestamp(cutoff));
            return delete.executeUpdate();
        }
    }
}
