package com.jobladder.internal.config;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.topology.LadderSpec;
import com.jobladder.internal.topology.TopologyNames;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything {@code scheduler.conf} says, read once and frozen: what {@link JobladderSettings}
 * hands an application, which passes it back to the builders opaque.
 *
 * @param jobTypes settings per job type; the key {@code default} applies to unlisted types
 */
public record SchedulerConfig(
        String source,
        Path dataDir,
        BrokerSettings broker,
        LadderSpec ladder,
        AuditSettings audit,
        WorkerSettings worker,
        CronSettings cron,
        Map<String, JobTypeSettings> jobTypes,
        HttpSettings http,
        ClockSettings clock)
        implements JobladderSettings {
    public static final String DEFAULT_TYPE_KEY = "default";

    public SchedulerConfig {
        jobTypes = Map.copyOf(jobTypes);
        if (!jobTypes.containsKey(DEFAULT_TYPE_KEY)) {
            throw new IllegalArgumentException("job-types has no \"default\" entry");
        }
    }

    /** The settings behind what an application passes to a public builder. */
    public static SchedulerConfig of(JobladderSettings settings) {
        if (InvalidRequestException.requireNonNull(settings, "settings") instanceof SchedulerConfig config) {
            return config;
        }
        throw new InvalidRequestException("settings of " + settings.getClass().getName() + " are not JobLadder's:"
                + " expected com.jobladder.client.Settings.fromFile(path) or Settings.defaults()");
    }

    public JobTypeSettings forType(String type) {
        return jobTypes.getOrDefault(type, jobTypes.get(DEFAULT_TYPE_KEY));
    }

    public TopologyNames topologyNames() {
        return new TopologyNames(broker.namespace(), ladder);
    }

    public SchedulerConfig withBroker(BrokerSettings newBroker) {
        return new SchedulerConfig(source, dataDir, newBroker, ladder, audit, worker, cron, jobTypes, http, clock);
    }

    public SchedulerConfig withLadder(LadderSpec newLadder) {
        return new SchedulerConfig(source, dataDir, broker, newLadder, audit, worker, cron, jobTypes, http, clock);
    }

    public SchedulerConfig withAudit(AuditSettings newAudit) {
        return new SchedulerConfig(source, dataDir, broker, ladder, newAudit, worker, cron, jobTypes, http, clock);
    }

    public SchedulerConfig withCron(CronSettings newCron) {
        return new SchedulerConfig(source, dataDir, broker, ladder, audit, worker, newCron, jobTypes, http, clock);
    }

    public SchedulerConfig withHttp(HttpSettings newHttp) {
        return new SchedulerConfig(source, dataDir, broker, ladder, audit, worker, cron, jobTypes, newHttp, clock);
    }

    public SchedulerConfig withClock(ClockSettings newClock) {
        return new SchedulerConfig(source, dataDir, broker, ladder, audit, worker, cron, jobTypes, http, newClock);
    }

    public SchedulerConfig withWorker(WorkerSettings newWorker) {
        return new SchedulerConfig(source, dataDir, broker, ladder, audit, newWorker, cron, jobTypes, http, clock);
    }
}
