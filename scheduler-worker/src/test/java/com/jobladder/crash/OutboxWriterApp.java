package com.jobladder.crash;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.client.Settings;
import com.jobladder.outbox.OutboxWorkers;
import com.jobladder.testsupport.TestOutbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

/**
 * An application in a JVM of its own that writes jobs into its outbox in one transaction, commits,
 * and dies at once, the way {@code kill -9} leaves it (no shutdown hook, no close), before its relay
 * looks again. Arguments: scheduler.conf, JDBC URL, user, password, how many jobs, the id prefix.
 */
public final class OutboxWriterApp {
    private OutboxWriterApp() {}

    public static void main(String[] args) throws Exception {
        int jobs = Integer.parseInt(args[4]);
        TestOutbox.Database database = TestOutbox.open(args[1], args[2], args[3]);
        JobScheduler scheduler = JobSchedulerBuilder.fromSettings(Settings.fromFile(Path.of(args[0])))
                .outbox(database.dataSource(), Duration.ofHours(1))
                .build();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < jobs; i++) {
                scheduler
                        .outbox()
                        .schedule(
                                connection,
                                JobRequest.ofType(OutboxWorkers.TYPE)
                                        .id(args[5] + i)
                                        .now());
            }
            // The relay looks at doubling intervals after the last write, at 2.56 s and 5.12 s among others:
            // commit midway, so that the process dies with its rows committed and far from the relay's next look.
            Thread.sleep(3_800);
            connection.commit();
        }
        System.out.println("committed " + jobs);
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
