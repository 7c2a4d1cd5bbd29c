package com.jobladder.internal.audit;

import com.jobladder.internal.audit.ExecutionStore.Precheck;
import com.jobladder.internal.jdbc.AuditDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** What a worker asks before it runs a job: has it succeeded already, or been cancelled? */
final class Prechecks {
    private final AuditDatabase database;

    Prechecks(AuditDatabase database) {
        this.database = database;
    }

    Precheck precheck(String jobId) {
        return database.withConnection("look up job " + jobId, connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT (SELECT COUNT(*) FROM job_success WHERE job_id = ?),"
                            + " (SELECT COUNT(*) FROM job_cancel WHERE job_id = ?)")) {
                select.setString(1, jobId);
                select.setString(2, jobId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return Precheck.ALREADY_SUCCEEDED;
                    }
                    return row.getLong(2) > 0 ? Precheck.CANCELLED : Precheck.RUN;
                }
            }
        });
    }

    Map<String, Precheck> precheckAll(Collection<String> jobIds) {
        Map<String, Precheck> answers = new HashMap<>();
        jobIds.forEach(id -> answers.put(id, Precheck.RUN));
        if (jobIds.isEmpty()) {
            return answers;
        }
        String marks = String.join(",", Collections.nCopies(jobIds.size(), "?"));
        return database.withConnection("look up " + jobIds.size() + " jobs", connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT job_id, 1 FROM job_success WHERE job_id IN (" + marks + ")"
                            + " UNION ALL SELECT job_id, 2 FROM job_cancel WHERE job_id IN (" + marks + ")")) {
                int i = 1;
                for (int copy = 0; copy < 2; copy++) {
                    for (String id : jobIds) {
                        select.setString(i++, id);
                    }
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        // A success outranks a tombstone, as in precheck.
                        Precheck found = rows.getInt(2) == 1 ? Precheck.ALREADY_SUCCEEDED : Precheck.CANCELLED;
                        answers.merge(
                                rows.getString(1),
                                found,
                                (a, b) -> a == Precheck.ALREADY_SUCCEEDED || b == Precheck.ALREADY_SUCCEEDED
                                        ? Precheck.ALREADY_SUCCEEDED
                                        : Precheck.CANCELLED);
                    }
                }
            }
            return answers;
        });
    }
}
