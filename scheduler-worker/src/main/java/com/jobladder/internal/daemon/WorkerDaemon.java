package com.jobladder.internal.daemon;

import com.jobladder.handler.JobHandler;
import com.jobladder.internal.audit.AuditRetention;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.clock.ClockCheck;
import com.jobladder.internal.clock.ClockStatus;
import com.jobladder.internal.concurrent.StartedParts;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.cron.CronRuntime;
import com.jobladder.internal.engine.JobEngine;
import com.jobladder.internal.engine.WorkerStats;
import com.jobladder.internal.http.DaemonView;
import com.jobladder.internal.http.OpsParts;
import com.jobladder.internal.http.OpsServer;
import com.jobladder.internal.metrics.StrandedRungs;
import com.jobladder.internal.metrics.WorkerMetrics;
import com.jobladder.internal.relay.Relay;
import com.jobladder.internal.topology.TopologyNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker daemon: the {@link JobEngine} that runs jobs, and the optional parts around it (the
 * HTTP server, cron, audit retention, metrics, the ladder watch, the relay), each started in order and stopped
 * in reverse. {@link #stop()} is idempotent, ordered and bounded.
 */
public final class WorkerDaemon implements DaemonView, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerDaemon.class);

    private final SchedulerConfig config;
    private final Map<String, JobHandler> handlers;
    private final Set<CodeSchedule> schedules;
    private final Clock clock;
    private final WorkerStats stats = new WorkerStats();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** JobLadder's meters go here: the daemon's registry, and the embedding application's if it gave one. */
    private final MeterRegistry jobMeters;

    private final Optional<MeterRegistry> application;

    private StartedParts parts;
    private volatile AuditStore store;
    private volatile JobEngine engine;
    private volatile CronRuntime cron;
    private volatile ClockCheck clockCheck;
    private OpsServer http;
    private volatile OpsParts opsParts;

    @Inject
    public WorkerDaemon(
            SchedulerConfig config, Map<String, JobHandler> handlers, Set<CodeSchedule> schedules, Clock clock) {
        this(config, handlers, schedules, clock, Optional.empty());
    }

    /** With the embedding application's registry, which receives JobLadder's meters beside the daemon's own. */
    public WorkerDaemon(
            SchedulerConfig config,
            Map<String, JobHandler> handlers,
            Set<CodeSchedule> schedules,
            Clock clock,
            Optional<MeterRegistry> application) {
        this.config = config;
        this.handlers = Map.copyOf(handlers);
        this.schedules = schedules;
        this.clock = clock;
        this.application = application;
        this.jobMeters = application
                .<MeterRegistry>map(registry -> new CompositeMeterRegistry(
                        io.micrometer.core.instrument.Clock.SYSTEM, List.of(meters, registry)))
                .orElse(meters);
    }

    /** Starts, or throws having released whatever it opened: an embedding application carries on without it. */
    public synchronized void start() throws IOException {
        log.info(
                "Worker {} - starting: {}, {}, {}, {}",
                config.worker().id(),
                config.broker(),
                config.ladder(),
                config.audit(),
                config.worker());
        parts = new StartedParts();
        try {
            open();
        } catch (IOException | RuntimeException e) {
            log.error("Worker {} - failed to start: {}", config.worker().id(), e.getMessage());
            parts.closeAfter(e);
            http = null;
            engine = null;
            throw e;
        }
    }

    private void open() throws IOException {
        if (config.http().enabled()) {
            // First, so that a port in use fails the start before anything else is opened, and probes get answers
            // (ready: no) while the rest starts and stops.
            http = parts.add(OpsServer.start(config.http(), () -> opsParts));
        }
        store = parts.add(AuditStores.open(config.audit(), config.dataDir()));
        clockCheck = parts.add(
                ClockCheck.start(store, clock, config.clock(), config.worker().id()));
        // Every part from here on keeps the audit database's time.
        Clock time = clockCheck.clock();
        // Before the engine, whose relay handlers publish on its connection until the engine has stopped.
        Relay relay = config.relay().enabled() ? parts.add(Relay.open(config, meters)) : null;
        engine = parts.add(JobEngine.open(
                config,
                store,
                relay == null ? handlers : relay.withHandlers(handlers),
                schedule -> cron != null && cron.forbidsOverlap(schedule),
                stats,
                time));
        cron = parts.add(CronRuntime.start(
                        config.cron(),
                        schedules,
                        engine.session(),
                        store,
                        config.worker().id(),
                        config.broker().confirmTimeout(),
                        time)
                .orElse(null));
        if (config.audit().retention().enabled()) {
            parts.add(new AuditRetention(store, config.audit().retention(), () -> cron == null || cron.leading(), time))
                    .start();
        }
        TopologyNames names = engine.session().declarer().names();
        // Before consuming, so that jobs are counted from the first.
        WorkerMetrics metrics = parts.add(WorkerMetrics.bind(
                jobMeters,
                meters,
                stats,
                live(),
                engine.session().confirmedPublisher(),
                engine.batcher(),
                engine.consuming(),
                names,
                engine.types()));
        clockCheck.bindMeters(meters);
        if (config.worker().ladderWatch().enabled()) {
            parts.add(StrandedRungs.start(
                    config.worker().ladderWatch(),
                    config.broker().uri(),
                    config.broker().vhost(),
                    names,
                    jobMeters));
        }
        engine.startConsuming();
        if (relay != null) {
            parts.add(relay.startIntake(engine.session().publisher(), time));
        }
        opsParts = new OpsParts(
                config, this, engine.session(), engine.consuming(), metrics.queueDepths(), cron, meters, time);
        log.info(
                "Worker {} - started, consuming types {}; ladder exchanges {} .. {} ({} queues, one pass up to {})",
                config.worker().id(),
                engine.types(),
                names.ladderExchange(config.ladder().levels() - 1),
                names.ladderExchange(0),
                config.ladder().queueCount(),
                config.ladder().maxDelay());
    }

    private WorkerMetrics.Live live() {
        return new WorkerMetrics.Live() {
            @Override
            public long held() {
                return stats.heldCount();
            }

            @Override
            public Map<String, Integer> inFlight() {
                return deliveriesInFlight();
            }

            @Override
            public boolean cronLeader() {
                return WorkerDaemon.this.cronLeader();
            }
        };
    }

    /** What this daemon has done so far; kept after it stops. */
    @Override
    public WorkerStats stats() {
        return stats;
    }

    @Override
    public Histogram lateness() {
        return stats.lateness();
    }

    @Override
    public Map<String, Integer> deliveriesInFlight() {
        JobEngine running = engine;
        return running == null ? Map.of() : running.deliveriesInFlight();
    }

    /**
     * Why this daemon cannot take jobs now, empty when it can. The audit store is checked by the
     * caller (a query).
     */
    @Override
    public List<String> notReady() {
        // Not synchronized: a probe must answer while start or stop holds the lock.
        JobEngine running = engine;
        ClockCheck time = clockCheck;
        if (running == null || time == null) {
            return List.of("not started");
        }
        List<String> reasons = new ArrayList<>(running.notReady());
        time.notReady().ifPresent(reasons::add);
        return reasons;
    }

    /** How this daemon's clock stands against the audit database's. */
    @Override
    public ClockStatus clock() {
        ClockCheck time = clockCheck;
        return time == null ? null : time.status();
    }

    /** The worker's meters, for a scrape or for a client in the same process to add its own. */
    public PrometheusMeterRegistry meterRegistry() {
        return meters;
    }

    /** The HTTP port actually bound (useful with port 0), or -1 when HTTP is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** True while this daemon is the cron leader. */
    @Override
    public boolean cronLeader() {
        CronRuntime running = cron;
        return running != null && running.leading();
    }

    /** The daemon's audit store, open between start and stop. */
    @Override
    public AuditStore store() {
        return store;
    }

    /** Stops the optional parts, then the engine (in-flight jobs finish within the grace period), then the rest. */
    public synchronized void stop() {
        if (engine == null) {
            return;
        }
        log.info("Worker {} - stopping", config.worker().id());
        opsParts = null;
        parts.closeAll();
        engine = null;
        // The application outlives this worker: its gauges would read stopped parts, and a worker started
        // after this one could not register its own under the same names.
        application.ifPresent(registry -> jobMeters.getMeters().forEach(meter -> registry.remove(meter.getId())));
    }

    @Override
    public void close() {
        stop();
    }
}
