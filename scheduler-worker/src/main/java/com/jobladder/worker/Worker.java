package com.jobladder.worker;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobType;
import com.jobladder.api.JobTypes;
import com.jobladder.api.JobladderException;
import com.jobladder.client.Settings;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.RecurringJob;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.WorkerStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker embedded in an application, wired without Guice:
 * <pre>{@code
 * try (Worker worker = Worker.builder()
 *         .settings(Settings.fromFile(Path.of("conf/scheduler.conf")))
 *         .handle(SEND_EMAIL, (email, job) -> mailer.send(email))
 *         .start()) {
 *     ...
 * }
 * }</pre>
 * It is the daemon {@code scheduler worker} runs (consumers, retries, audit, cron leadership for the
 * schedules of {@code conf/schedules.conf} and those given to {@link Builder#recurring}), logging through
 * SLF4J to whatever the application binds.
 */
public final class Worker implements AutoCloseable {
    private final WorkerDaemon daemon;

    private Worker(WorkerDaemon daemon) {
        this.daemon = daemon;
    }

    public static Builder builder() {
        return new Builder();
    }

    public WorkerCounts stats() {
        WorkerStats stats = daemon.stats();
        return new WorkerCounts() {
            @Override
            public long count(JobAttempt.Outcome outcome) {
                return stats.count(outcome);
            }

            @Override
            public long heldCount() {
                return stats.heldCount();
            }

            @Override
            public long reenteredCount() {
                return stats.reenteredCount();
            }
        };
    }

    /** True while this worker is the cron leader. */
    public boolean cronLeader() {
        return daemon.cronLeader();
    }

    /** Stops consuming, lets running jobs finish within {@code shutdown-grace}, hands held jobs back; idempotent. */
    @Override
    public void close() {
        daemon.stop();
    }

    public static final class Builder {
        private final Map<String, JobHandler> handlers = new HashMap<>();
        private final List<CodeSchedule> schedules = new ArrayList<>();
        private SchedulerConfig config;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The settings; without this call, {@link com.jobladder.client.Settings#defaults()}. */
        public Builder settings(JobladderSettings settings) {
            this.config = SchedulerConfig.of(settings);
            return this;
        }

        /** The settings of this {@code scheduler.conf}; see {@link com.jobladder.client.Settings#fromFile}. */
        public Builder configFile(Path schedulerConf) {
            return settings(Settings.fromFile(schedulerConf));
        }

        public Builder clock(Clock newClock) {
            this.clock = InvalidRequestException.requireNonNull(newClock, "clock");
            return this;
        }

        /** Runs jobs of {@code type} with {@code handler}, which receives the decoded payload. */
        public <T> Builder handle(JobType<T> type, TypedJobHandler<T> handler) {
            InvalidRequestException.requireNonNull(type, "job type");
            InvalidRequestException.requireNonNull(handler, "handler of job type " + type.name());
            return add(type.name(), JobHandler.decoding(type, handler));
        }

        /** Runs jobs of {@code type} with {@code handler}, which receives the payload bytes. */
        public Builder handle(String type, JobHandler handler) {
            JobTypes.requireValid(type);
            return add(type, InvalidRequestException.requireNonNull(handler, "handler of job type " + type));
        }

        /**
         * Fires {@code job} on its cron schedule, as a schedule of {@code conf/schedules.conf} is fired:
         * {@code .recurring(RecurringJob.cron("nightly-report", "0 2 * * *").zone("Europe/Berlin").job(REPORT, "nightly"))}.
         *
         * @throws JobladderException in the file's words when a setting breaks its rules
         */
        public Builder recurring(RecurringJob job) {
            schedules.add(CodeSchedule.of(InvalidRequestException.requireNonNull(job, "recurring job")));
            return this;
        }

        private Builder add(String type, JobHandler handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new InvalidRequestException("job type " + type + " has a handler already: expected one"
                        + " handler per type");
            }
            return this;
        }

        /**
         * Connects, declares the topology, opens the audit store and starts consuming.
         *
         * @throws JobladderException when the broker or the audit store cannot be reached or set up
         */
        public Worker start() {
            SchedulerConfig settings = config != null ? config : SchedulerConfig.of(Settings.defaults());
            WorkerDaemon daemon = new WorkerDaemon(settings, handlers, Set.copyOf(schedules), clock);
            try {
                daemon.start();
            } catch (IOException e) {
                throw new JobladderException("the worker could not start: " + e.getMessage(), e);
            }
            return new Worker(daemon);
        }
    }
}
