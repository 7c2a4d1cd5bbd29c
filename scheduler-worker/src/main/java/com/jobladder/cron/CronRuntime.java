package com.jobladder.cron;

import com.jobladder.amqp.BrokerSession;
import com.jobladder.amqp.Envelope;
import com.jobladder.audit.AuditStore;
import com.jobladder.config.CronSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron part of a worker daemon: the schedules file watched for changes, the leader
 * election, and the service that, while this daemon leads, publishes fires into the ladder.
 */
public final class CronRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CronRuntime.class);
    private static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ScheduleFileWatcher watcher;
    private final CronService service;
    private final CronLeader leader;

    private CronRuntime(ScheduleFileWatcher watcher, CronService service, CronLeader leader) {
        this.watcher = watcher;
        this.service = service;
        this.leader = leader;
    }

    /**
     * Starts cron on this daemon, or returns empty when there is no schedules file.
     *
     * @throws com.jobladder.config.ConfigurationException when the file is invalid at start
     */
    public static Optional<CronRuntime> start(CronSettings settings, BrokerSession session, AuditStore store,
                                              String workerId, Duration confirmTimeout, Clock clock)
            throws IOException {
        if (!Files.isRegularFile(settings.schedulesFile())) {
            LOG.info("Cron - no schedules file at {}: cron is off on this daemon", settings.schedulesFile());
            return Optional.empty();
        }
        ScheduleFileWatcher watcher = ScheduleFileWatcher.load(settings.schedulesFile(), clock);
        watcher.start(FILE_CHECK_INTERVAL);
        FirePublisher fires = (jobId, schedule, type, payload, contentType, dueAt) -> session.publisher()
                .publish(new Envelope(jobId, type, payload, contentType, dueAt, 1, clock.instant(), schedule, null))
                .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CronService service = new CronService(watcher::current, CursorStore.of(store), fires, clock,
                settings.horizon());
        CronLeader leader = new CronLeader(session.connection(), session.declarer().leaderQueue(), workerId,
                service::leadershipChanged);
        leader.start();
        service.start(CronService.DEFAULT_TICK);
        LOG.info("Cron - started with {} schedule(s) from {}", watcher.current().size(), settings.schedulesFile());
        return Optional.of(new CronRuntime(watcher, service, leader));
    }

    /** True when the schedule exists and forbids overlapping runs. */
    public boolean forbidsOverlap(String scheduleName) {
        return watcher.schedule(scheduleName).map(s -> s.overlap() == OverlapPolicy.FORBID).orElse(false);
    }

    /** The schedules in force: the last valid version of the file. */
    public List<CronSchedule> schedules() {
        return watcher.current();
    }

    public boolean leading() {
        return leader.isLeader();
    }

    /** Stops ticking, then steps down, then stops watching; idempotent. */
    @Override
    public void close() {
        service.close();
        leader.close();
        watcher.close();
    }
}
