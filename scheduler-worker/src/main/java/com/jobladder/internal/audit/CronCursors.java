package com.jobladder.internal.audit;

import static com.jobladder.internal.jdbc.AuditDatabase.insertUnlessTaken;
import static com.jobladder.internal.jdbc.AuditDatabase.instant;
import static com.jobladder.internal.jdbc.AuditDatabase.timestamp;

import com.jobladder.internal.jdbc.AuditDatabase;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** The last fire time the cron leader published, per schedule. */
final class CronCursors {
    private final AuditDatabase database;

    CronCursors(AuditDatabase database) {
        this.database = database;
    }

    Optional<Instant> cursor(String scheduleName) {
        return database.withConnection("read the cron cursor of " + scheduleName, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT last_fire_at FROM cron_cursor WHERE schedule_name = ?")) {
                select.setString(1, scheduleName);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(instant(row, 1)) : Optional.empty();
                }
            }
        });
    }

    void save(String scheduleName, Instant lastFireAt) {
        OffsetDateTime now = timestamp(Instant.now());
        database.useConnection("save the cron cursor of " + scheduleName, connection -> {
            for (int tries = 1; ; tries++) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE cron_cursor SET last_fire_at = ?, updated_at = ? WHERE schedule_name = ?")) {
                    update.setObject(1, timestamp(lastFireAt));
                    update.setObject(2, now);
                    update.setString(3, scheduleName);
                    if (update.executeUpdate() > 0) {
                        return;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO cron_cursor (schedule_name, last_fire_at, updated_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, scheduleName);
                    insert.setObject(2, timestamp(lastFireAt));
                    insert.setObject(3, now);
                    // Taken: another leader inserted it between our update and insert; update it instead.
                    if (insertUnlessTaken(insert)) {
                        return;
                    }
                }
                if (tries >= AuditDatabase.RACE_RETRIES) {
                    throw new AuditUnavailableException(
                            "audit store cannot save the cron cursor of " + scheduleName
                                    + ": another process kept inserting it between this one's update and insert, "
                                    + tries
                                    + " times",
                            null);
                }
            }
        });
    }
}
