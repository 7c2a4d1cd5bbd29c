package com.jobladder.worker;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobType;
import com.jobladder.api.JobTypes;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.worker.WorkerDaemon;
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
 *         .config(ConfigLoader.load(Path.of("conf/scheduler.conf")))
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
        return daemon.stats();
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
     * Stops consuming, lets running jobs finish and records them within
     * {@code jobladder.worker.shutdown-grace}, hands held jobs back to the broker, then closes the
     * connection and the audit store. Blocks until done; idempotent.
     */
    @Override
    public void close() {
        daemon.stop();
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

        private Builder() {
        }

        /**
         * The settings; without this call or {@link #configFile}, the defaults with the
         * {@code JOBLADDER_*} environment overrides.
         *
         * @param settings the settings, for instance from {@code ConfigLoader.load(path)}
         * @return this builder
         * @throws InvalidRequestException when {@code settings} is null
         */
        public Builder config(SchedulerConfig settings) {
            this.config = InvalidRequestException.requireNonNull(settings, "config");
            return this;
        }

        /**
         * The settings of a HOCON file, over the defaults, with the {@code JOBLADDER_*} environment
         * variables winning over both (docs/configuration.md).
         *
         * @param schedulerConf the file, for example {@code conf/scheduler.conf}
         * @return this builder
         * @throws InvalidRequestException when the path is null
         * @throws JobladderException      when the file is missing or malformed, or holds a setting that is not
         *                                 valid (the message names file, line and key)
         */
        public Builder configFile(Path schedulerConf) {
            return config(ConfigLoader.load(InvalidRequestException.requireNonNull(schedulerConf,
                    "scheduler.conf path")));
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
            return add(type.name(), new DecodingHandler<>(type, handler));
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
         * @param job the schedule and the job it fires
         * @return this builder
         * @throws InvalidRequestException naming the schedule, where it was declared and every setting that breaks
         *                                 a rule, in the file's words
         */
        public Builder recurring(RecurringJob job) {
            schedules.add(InvalidRequestException.requireNonNull(job, "recurring job").build());
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
         * Connects, declares the topology, opens (and migrates) the audit store and starts consuming.
         * The caller owns the worker: close it to stop it.
         *
         * @return the running worker
         * @throws JobladderException when the broker or the audit store cannot be reached or set up, or two
         *                            schedules share a name
         */
        public Worker start() {
            SchedulerConfig settings = config != null ? config : ConfigLoader.defaults(System.getenv());
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
