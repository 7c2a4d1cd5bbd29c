package com.jobladder.crash;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A worker daemon whose clock is this host's shifted by a skew, as on a host whose time synchronisation
 * failed: {@code SkewedWorker <scheduler.conf> <skew in ms>}. Its handler prints when each job really
 * started, by the host's own clock (which PostgreSQL on this host shares): {@code STAMP <job id> <due> <start>}.
 */
public final class SkewedWorker {
    static final String TYPE = "stamp";
    static final String STAMP = "STAMP ";
    static final String PORT = "HTTP_PORT ";

    private SkewedWorker() {}

    public static void main(String[] args) throws Exception {
        SchedulerConfig config = ConfigLoader.load(Path.of(args[0]), Map.of("JOBLADDER_HTTP_PORT", "0"));
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[1])));
        WorkerDaemon daemon = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, skewed),
                        binder -> JobHandlers.register(binder, TYPE, job -> {
                            Instant started = Instant.now();
                            System.out.println(STAMP + job.jobId() + " " + job.dueAt() + " " + started);
                        }))
                .getInstance(WorkerDaemon.class);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop, "skewed-worker-stop"));
        daemon.start();
        System.out.println(PORT + daemon.httpPort());
        Thread.currentThread().join();
    }
}
