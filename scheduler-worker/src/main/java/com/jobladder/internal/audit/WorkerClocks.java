package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.jdbc.AuditDatabase.instant;
import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.internal.audit.DatabaseClock.WorkerClock;
import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The workers' clock rows: one per running worker, replaced at each check. */
final class WorkerClocks {
    private final AuditDatabase database;

    WorkerClocks(AuditDatabase database) {
        this.database = database;
    }

    void save(WorkerClock clock) {
        database.useConnection("save the clock of worker " + clock.workerId(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE worker_clock SET state = ?,"
                    + " offset_us = ?, bound_us = ?, measured_at = ? WHERE worker_id = ?")) {
                update.setString(1, clock.state());
                update.setLong(2, micros(clock.offset()));
                update.setLong(3, micros(clock.bound()));
                update.setObject(4, timestamp(clock.measuredAt()));
                update.setString(5, clock.workerId());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO worker_clock"
                    + " (worker_id, state, offset_us, bound_us, measured_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, clock.workerId());
                insert.setString(2, clock.state());
                insert.setLong(3, micros(clock.offset()));
                insert.setLong(4, micros(clock.bound()));
                insert.setObject(5, timestamp(clock.measuredAt()));
                // Taken: a worker of the same id inserted it meanwhile; the next check updates it.
                insertUnlessTaken(insert);
            }
        });
    }

    void delete(String workerId) {
        database.useConnection("delete the clock of worker " + workerId, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM worker_clock WHERE worker_id = ?")) {
                delete.setString(1, workerId);
                delete.executeUpdate();
            }
        });
    }

    List<WorkerClock> all() {
        return database.withConnection("read the workers' clocks", connection -> {
            List<WorkerClock> clocks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT worker_id, state, offset_us, bound_us,"
                            + " measured_at FROM worker_clock ORDER BY worker_id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    clocks.add(new WorkerClock(
                            rows.getString(1),
                            rows.getString(2),
                            Duration.ofNanos(rows.getLong(3) * 1_000),
                            Duration.ofNanos(rows.getLong(4) * 1_000),
                            instant(rows, 5)));
                }
            }
            return clocks;
        });
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }
}
