package com.jobladder.bench.contender;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.setup.BenchDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * db-scheduler on the run's private database, its one table {@code scheduled_tasks} created as
 * its README gives it for PostgreSQL, polling with lock-and-fetch (SELECT ... FOR UPDATE SKIP
 * LOCKED), which its README recommends for PostgreSQL at high throughput. Each job is one
 * instance of a one-time task at the due time.
 */
final class DbSchedulerContender implements Contender {
    static final int THREADS = 10;
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);
    private final BenchDatabase db;
    private final Probe probe;
    private final OneTimeTask<String> task;
    private Scheduler scheduler;

    DbSchedulerContender(BenchDatabase db, Probe probe) {
        this.db = db;
        this.probe = probe;
        this.task = Tasks.oneTime("bench", String.class).execute((instance, context) -> {
            long due = context.getExecution().executionTime.toEpochMilli();
            probe.ran(due);
            db.audit(instance.getId(), due);
        });
    }

    @Override
    public String name() {
        return "db-scheduler";
    }

    @Override
    public String settings() {
        return "db-scheduler " + LibraryVersion.of("com.github.kagkarlsson", "db-scheduler") + ", " + THREADS
                + " threads, pollUsingLockAndFetch(0.5, 1.0), polling interval " + POLLING_INTERVAL.toMillis()
                + " ms (default 10 s)";
    }

    @Override
    public void start() throws Exception {
        db.execute("create table scheduled_tasks (task_name text not null, task_instance text not null,"
                + " task_data bytea, execution_time timestamptz not null, picked boolean not null, picked_by text,"
                + " last_success timestamptz, last_failure timestamptz, consecutive_failures int,"
                + " last_heartbeat timestamptz, version bigint not null, primary key (task_name, task_instance))");
        db.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
        db.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
        scheduler = Scheduler.create(db.dataSource(), task)
                .threads(THREADS)
                .pollingInterval(POLLING_INTERVAL)
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
    }

    @Override
    public CompletableFuture<?> submit(String id, byte[] payload, Instant dueAt) {
        scheduler.schedule(task.instance(id, new String(payload, StandardCharsets.ISO_8859_1)), dueAt);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
