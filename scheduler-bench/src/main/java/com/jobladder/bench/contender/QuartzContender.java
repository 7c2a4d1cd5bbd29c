package com.jobladder.bench.contender;

import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.setup.BenchDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its JDBC job store (JobStoreTX, PostgreSQLDelegate) in clustered mode on the run's
 * private database, tuned as its configuration reference suggests for throughput: batch trigger
 * acquisition up to the thread count within a fire-ahead window, with acquireTriggersWithinLock (required for batches in a
 * cluster), no lock on insert (JobStoreSupport.setLockOnInsert: safe on PostgreSQL, and with the
 * lock every submit queues behind trigger acquisition), and a connection pool of threads + 3. Each job is its own JobDetail with one
 * SimpleTrigger at the due time, like one JobLadder job.
 */
final class QuartzContender implements Contender {
    static final int THREADS = 10;
    /**
     * Without a fire-ahead window a batch holds only triggers due at the same millisecond, so
     * Quartz acquires, waits for and fires one trigger per round trip to the lock (measured: about
     * 50 jobs/s here). The window lets it fire a batch up to this early; early starts are counted.
     */
    static final long FIRE_AHEAD_MS = 50;

    private final BenchDatabase db;
    private final Probe probe;
    private Scheduler scheduler;

    QuartzContender(BenchDatabase db, Probe probe) {
        this.db = db;
        this.probe = probe;
    }

    @Override
    public String name() {
        return "quartz";
    }

    @Override
    public String settings() {
        return "Quartz " + LibraryVersion.of("org.quartz-scheduler", "quartz") + " JobStoreTX clustered, " + THREADS
                + " threads, batchTriggerAcquisitionMaxCount " + THREADS
                + ", batchTriggerAcquisitionFireAheadTimeWindow " + FIRE_AHEAD_MS
                + " ms, acquireTriggersWithinLock, lockOnInsert false, HikariCP " + (THREADS + 3) + " connections";
    }

    @Override
    public void start() throws Exception {
        createTables();
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "jobladder-bench");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", Long.toString(FIRE_AHEAD_MS));
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "bench");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.lockOnInsert", "false");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.dataSource.bench.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.bench.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.bench.URL", db.url());
        p.setProperty("org.quartz.dataSource.bench.user", "postgres");
        p.setProperty("org.quartz.dataSource.bench.password", "postgres");
        p.setProperty("org.quartz.dataSource.bench.maxConnections", Integer.toString(THREADS + 3));
        scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.setJobFactory((bundle, s) -> (Job) context -> {
            probe.ran(context.getScheduledFireTime().getTime());
            db.audit(
                    context.getJobDetail().getKey().getName(),
                    context.getScheduledFireTime().getTime());
        });
        scheduler.start();
    }

    /** Quartz's own DDL for PostgreSQL, as shipped in its jar. */
    private void createTables() throws IOException, SQLException {
        try (InputStream in =
                Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            if (in == null) {
                throw new IOException("tables_postgres.sql is missing from the quartz jar");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.trim().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            for (String statement : sql.toString().split(";")) {
                if (!statement.isBlank() && !statement.trim().equalsIgnoreCase("commit")) {
                    db.execute(statement);
                }
            }
        }
    }

    @Override
    public CompletableFuture<?> submit(String id, byte[] payload, Instant dueAt) throws Exception {
        JobDetail job = JobBuilder.newJob(Job.class)
                .withIdentity(id, "bench")
                .usingJobData("payload", new String(payload, StandardCharsets.ISO_8859_1))
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(id, "bench")
                .startAt(Date.from(dueAt))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        scheduler.scheduleJob(job, trigger);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        try {
            if (scheduler != null) {
                scheduler.shutdown(true);
            }
        } catch (Exception e) {
            System.err.println("quartz shutdown failed: " + e);
        }
    }
}
