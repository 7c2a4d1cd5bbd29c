package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.instant;

import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads PostgreSQL's {@code clock_timestamp()}: the time at the statement's execution, not the transaction's start. */
final class DatabaseClockReads {
    private final AuditDatabase database;
    private final boolean shared;

    DatabaseClockReads(AuditDatabase database) {
        this.database = database;
        this.shared = database.withConnection("tell its product", DatabaseClockReads::isPostgres);
    }

    private static boolean isPostgres(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    boolean sharedClock() {
        return shared;
    }

    List<DatabaseClock.ClockRead> readClock(Clock local, int rounds) {
        if (!shared) {
            throw new IllegalStateException("the audit database runs in this worker: its clock is the worker's own");
        }
        return database.withConnection("read its clock", connection -> {
            List<DatabaseClock.ClockRead> reads = new ArrayList<>(rounds);
            try (PreparedStatement select = connection.prepareStatement("SELECT clock_timestamp()")) {
                for (int i = 0; i < rounds; i++) {
                    Instant sent = local.instant();
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        Instant read = instant(row, 1);
                        reads.add(new DatabaseClock.ClockRead(sent, read, local.instant()));
                    }
                }
            }
            return reads;
        });
    }
}
