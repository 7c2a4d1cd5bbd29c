package com.jobladder.worker;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobType;
import com.jobladder.api.JobTypes;
import com.jobladder.api.JobladderException;
import com.jobladder.api.JobladderSettings;
import com.jobladder.client.Settings;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.RecurringJob;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.WorkerStats;
import com.jobladder.internal.http.Readiness;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * SLF4J to whatever the application binds. It needs neither Guice nor logback. Thread-safe; close
 * it to stop it gracefully.
 */
public final class Worker implements AutoCloseable {
    private final WorkerDaemon daemon;
    private final ExecutorService lookUps =
            Executors.newCachedThreadPool(DaemonThreads.named("jobladder-readiness-look-up"));

    private Worker(WorkerDaemon daemon) {
        this.daemon = daemon;
    }

    /**
     * Starts the description of a worker: settings, handlers, schedules.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What this worker has done since it started; the view stays live.
     *
     * @return the worker's counts
     */
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

    /**
     * Whether this worker fires the cron schedules now. One worker among those sharing a broker
     * and namespace is the leader at a time; another takes over when it stops or is lost.
     *
     * @return true while this worker is the cron leader
     */
    public boolean cronLeader() {
        return daemon.cronLeader();
    }

    /**
     * Why this worker cannot take jobs now, empty when it can: what the daemon's {@code /health/ready}
     * answers. It checks that both broker connections are open, that every type's consumer is
     * registered and that the audit store answers a look-up within 2 seconds; the look-up runs on a
     * thread of its own, so a hung database cannot hang the caller longer than that.
     *
     * @return the reasons, each a sentence; empty while the worker is ready
     */
    public List<String> notReady() {
        return Readiness.reasons(daemon, lookUps);
    }

    /**
     * Stops consuming, lets running jobs finish and records them within
     * {@code jobladder.worker.shutdown-grace}, hands held jobs back to the broker, then closes the
     * connection and the audit store. Blocks until done; idempotent.
     */
    @Override
    public void close() {
        daemon.stop();
        lookUps.shutdownNow();
    }

    /**
     * Describes a worker and starts it. Each method checks its arguments at once; {@link #start()}
     * checks the whole. Meant for one thread.
     */
    public static final class Builder {
        private final Map<String, JobHandler> handlers = new HashMap<>();
        private final List<CodeSchedule> schedules = new ArrayList<>();
        private SchedulerConfig config;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry;

        private Builder() {}

        /**
         * The settings; without this call, {@link Settings#defaults()}.
         *
         * @param settings from {@link Settings#fromFile} or {@link Settings#defaults()}
         * @return this builder
         * @throws InvalidRequestException when {@code settings} is null or was not read by {@link Settings}
         */
        public Builder settings(JobladderSettings settings) {
            this.config = SchedulerConfig.of(settings);
            return this;
        }

        /**
         * The settings of a {@code scheduler.conf}; see {@link Settings#fromFile}.
         *
         * @param schedulerConf the file, for example {@code conf/scheduler.conf}
         * @return this builder
         * @throws JobladderException naming file, line and key, when the file is missing, malformed or wrong
         */
        public Builder configFile(Path schedulerConf) {
            return settings(Settings.fromFile(schedulerConf));
        }

        /**
         * The clock jobs are timed by; the system UTC clock by default. Tests set another.
         *
         * @param newClock the clock
         * @return this builder
         * @throws InvalidRequestException when {@code newClock} is null
         */
        public Builder clock(Clock newClock) {
            this.clock = InvalidRequestException.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Registers the worker's meters (jobs by type and outcome, lateness, audit commits, queue depths:
         * docs/metrics.md) in the application's registry too, beside the registry the worker's own
         * {@code /metrics} serves. The process's meters (JVM, CPU, uptime) stay out of it: the application
         * binds those itself. Micrometer comes with the worker.
         *
         * @param registry the application's Micrometer registry
         * @return this builder
         * @throws InvalidRequestException when {@code registry} is null
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = InvalidRequestException.requireNonNull(registry, "meterRegistry");
            return this;
        }

        /**
         * Runs jobs of {@code type} with {@code handler}, which receives the decoded payload.
         *
         * @param type    the job type and its codec
         * @param handler the handler, called from several threads at once
         * @param <T>     the payload type
         * @return this builder
         * @throws InvalidRequestException when an argument is null or the type has a handler already
         */
        public <T> Builder handle(JobType<T> type, TypedJobHandler<T> handler) {
            InvalidRequestException.requireNonNull(type, "job type");
            InvalidRequestException.requireNonNull(handler, "handler of job type " + type.name());
            return add(type.name(), JobHandler.decoding(type, handler));
        }

        /**
         * Runs jobs of {@code type} with {@code handler}, which receives the payload bytes.
         *
         * @param type    the job type
         * @param handler the handler, called from several threads at once
         * @return this builder
         * @throws InvalidRequestException when the type is invalid, the handler null, or the type has a handler
         *                                 already
         */
        public Builder handle(String type, JobHandler handler) {
            JobTypes.requireValid(type);
            return add(type, InvalidRequestException.requireNonNull(handler, "handler of job type " + type));
        }

        /**
         * Fires {@code job} on its cron schedule, as a schedule of {@code conf/schedules.conf} is fired:
         * {@code .recurring(RecurringJob.cron("nightly-report", "0 2 * * *").zone("Europe/Berlin").job(REPORT, "nightly"))}.
         *
         * @param job the recurring job, checked now by the rules of the schedules file
         * @return this builder
         * @throws JobladderException in the file's words when a setting breaks its rules
         */
        public Builder recurring(RecurringJob job) {
            schedules.add(CodeSchedule.of(InvalidRequestException.requireNonNull(job, "recurring job")));
            return this;
        }

        private Builder add(String type, JobHandler handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new InvalidRequestException(
                        "job type " + type + " has a handler already: expected one" + " handler per type");
            }
            return this;
        }

        /**
         * Connects, declares the topology, opens (and migrates) the audit store and starts consuming.
         * The caller owns the worker: close it to stop it.
         *
         * @return the running worker
         * @throws JobladderException when the broker or the audit store cannot be reached or set up, or two
         *                            schedules share a name
         */
        public Worker start() {
            SchedulerConfig settings = config != null ? config : SchedulerConfig.of(Settings.defaults());
            WorkerDaemon daemon = new WorkerDaemon(
                    settings, handlers, Set.copyOf(schedules), clock, Optional.ofNullable(meterRegistry));
            try {
                daemon.start();
            } catch (IOException e) {
                throw new JobladderException("the worker could not start: " + e.getMessage(), e);
            }
            return new Worker(daemon);
        }
    }
}
