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
 * @param relay    the delayed exchanges this worker relays, if any
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
        ClockSettings clock,
        RelaySettings relay)
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

    /**
     * The type's own settings, or {@code default}'s; a relay type not listed takes {@code default}'s with one
     * handler thread, which keeps its messages in due order (docs/guarantees.md, "Relayed messages").
     */
    public JobTypeSettings forType(String type) {
        JobTypeSettings listed = jobTypes.get(type);
        if (listed != null) {
            return listed;
        }
        JobTypeSettings defaults = jobTypes.get(DEFAULT_TYPE_KEY);
        boolean relayType = relay.exchanges().stream()
                .anyMatch(exchange -> exchange.jobType().equals(type));
        return relayType ? defaults.withConcurrency(1) : defaults;
    }

    public TopologyNames topologyNames() {
        return new TopologyNames(broker.namespace(), ladder);
    }

    public SchedulerConfig withBroker(BrokerSettings newBroker) {
        return new SchedulerConfig(
                source, dataDir, newBroker, ladder, audit, worker, cron, jobTypes, http, clock, relay);
    }

    public SchedulerConfig withLadder(LadderSpec newLadder) {
        return new SchedulerConfig(
                source, dataDir, broker, newLadder, audit, worker, cron, jobTypes, http, clock, relay);
    }

    public SchedulerConfig withAudit(AuditSettings newAudit) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, newAudit, worker, cron, jobTypes, http, clock, relay);
    }

    public SchedulerConfig withCron(CronSettings newCron) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, audit, worker, newCron, jobTypes, http, clock, relay);
    }

    public SchedulerConfig withHttp(HttpSettings newHttp) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, audit, worker, cron, jobTypes, newHttp, clock, relay);
    }

    public SchedulerConfig withClock(ClockSettings newClock) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, audit, worker, cron, jobTypes, http, newClock, relay);
    }

    public SchedulerConfig withRelay(RelaySettings newRelay) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, audit, worker, cron, jobTypes, http, clock, newRelay);
    }

    public SchedulerConfig withWorker(WorkerSettings newWorker) {
        return new SchedulerConfig(
                source, dataDir, broker, ladder, audit, newWorker, cron, jobTypes, http, clock, relay);
    }
}
