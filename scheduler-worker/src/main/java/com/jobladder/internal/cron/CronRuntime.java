package com.jobladder.internal.cron;

import com.jobladder.handler.OverlapPolicy;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.audit.CronCursorStore;
import com.jobladder.internal.config.CronSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron part of a worker daemon: the schedules declared in code and those of the schedules
 * file, watched for changes, the leader election, and the service that, while this daemon leads,
 * publishes the fires of both into the ladder.
 */
public final class CronRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CronRuntime.class);
    private static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final CodeSchedules code;
    private final ScheduleFileWatcher watcher;
    private final CronService service;
    private final CronLeader leader;

    private CronRuntime(CodeSchedules code, ScheduleFileWatcher watcher, CronService service, CronLeader leader) {
        this.code = code;
        this.watcher = watcher;
        this.service = service;
        this.leader = leader;
    }

    /**
     * Starts cron on this daemon, or returns empty when there is neither a schedules file nor a
     * schedule declared in code.
     *
     * @param declared the schedules declared in code; the file may not use their names
     * @throws com.jobladder.internal.config.ConfigurationException when the file is invalid at start, or a name is
     *                                                     declared twice
     */
    public static Optional<CronRuntime> start(
            CronSettings settings,
            Collection<CodeSchedule> declared,
            BrokerSession session,
            CronCursorStore store,
            String workerId,
            Duration confirmTimeout,
            Clock clock)
            throws IOException {
        CodeSchedules code = CodeSchedules.of(declared);
        boolean fileExists = Files.isRegularFile(settings.schedulesFile());
        if (!fileExists && code.isEmpty()) {
            LOG.info(
                    "Cron - no schedules file at {} and none declared in code: cron is off on this daemon",
                    settings.schedulesFile());
            return Optional.empty();
        }
        ScheduleFileWatcher watcher =
                fileExists ? ScheduleFileWatcher.load(settings.schedulesFile(), code.declaredAt(), clock) : null;
        if (watcher != null) {
            watcher.start(FILE_CHECK_INTERVAL);
        }
        FirePublisher fires = fire -> session.publisher()
                .publish(fire.schedule().envelope(fire.jobId(), fire.dueAt(), clock.instant()))
                .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        CronService service =
                new CronService(() -> inForce(code, watcher), CursorStore.of(store), fires, clock, settings.horizon());
        CronLeader leader = new CronLeader(
                session.connection(), session.declarer().leaderQueue(), workerId, service::leadershipChanged);
        leader.start();
        service.start(CronService.DEFAULT_TICK);
        LOG.info(
                "Cron - started with {} schedule(s) declared in code {} and {}",
                code.schedules().size(),
                ScheduleFileWatcher.names(code.schedules()),
                fileExists
                        ? (watcher.current().size() + " from " + settings.schedulesFile())
                        : "no schedules file at " + settings.schedulesFile());
        return Optional.of(new CronRuntime(code, watcher, service, leader));
    }

    /** Every schedule in force: those declared in code, then the file's as last loaded. */
    private static List<CronSchedule> inForce(CodeSchedules code, ScheduleFileWatcher watcher) {
        if (watcher == null) {
            return code.schedules();
        }
        List<CronSchedule> all = new ArrayList<>(code.schedules());
        all.addAll(watcher.current());
        return all;
    }

    /** True when the schedule exists and forbids overlapping runs. */
    public boolean forbidsOverlap(String scheduleName) {
        return inForce(code, watcher).stream()
                .anyMatch(s -> s.name().equals(scheduleName) && s.overlap() == OverlapPolicy.FORBID);
    }

    /** The schedules in force: those declared in code and the last valid version of the file. */
    public List<CronSchedule> schedules() {
        return inForce(code, watcher);
    }

    public boolean leading() {
        return leader.isLeader();
    }

    /** Stops ticking, then steps down, then stops watching; idempotent. */
    @Override
    public void close() {
        service.close();
        leader.close();
        if (watcher != null) {
            watcher.close();
        }
    }
}
