package com.jobladder.internal.worker;

import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.audit.AuditBatcher;
import com.jobladder.internal.audit.AuditRetention;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.cron.CronRuntime;
import com.jobladder.internal.http.DaemonView;
import com.jobladder.internal.http.OpsParts;
import com.jobladder.internal.http.OpsServer;
import com.jobladder.internal.metrics.StrandedRungs;
import com.jobladder.internal.metrics.WorkerMetrics;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.handler.JobHandler;
import com.jobladder.worker.WorkerCounts;
import com.rabbitmq.client.Connection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker daemon: declares the topology, consumes the worker queue of every type it has a
 * handler for, and runs each job on that type's threads. It consumes and acks on a connection of
 * its own and publishes (retries, re-entries, dead-job copies, cron fires) on another: under a
 * memory or disk alarm the broker stops reading from publishing connections, and acks must still
 * get through. {@link #stop()} is idempotent, ordered and bounded.
 */
public final class WorkerDaemon implements DaemonView, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerDaemon.class);

    private final SchedulerConfig config;
    private final Map<String, JobHandler> handlers;
    private final Set<CodeSchedule> schedules;
    private final Clock clock;
    private final WorkerStats stats = new WorkerStats();
    private final List<TypeConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile BrokerSession session;
    private volatile Connection consuming;
    private HandBacks handBacks;
    private ScheduledExecutorService consumerRecovery;
    private AuditStore store;
    private AuditBatcher batcher;
    private CronRuntime cron;
    private AuditRetention retention;
    private HoldTimer holdTimer;
    private HeldLookUps heldLookUps;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private WorkerMetrics metrics;
    private StrandedRungs strandedRungs;
    private OpsServer http;
    private volatile OpsParts parts;

    @Inject
    public WorkerDaemon(SchedulerConfig config, Map<String, JobHandler> handlers, Set<CodeSchedule> schedules, Clock clock) {
        this.config = config;
        this.handlers = new TreeMap<>(handlers);
        this.schedules = schedules;
        this.clock = clock;
    }

    /** Starts, or throws having released whatever it opened: an embedding application carries on without it. */
    public synchronized void start() throws IOException {
        log.info("Worker {} - starting: {}, {}, {}, {}", config.worker().id(), config.broker(), config.ladder(),
                config.audit(), config.worker());
        try {
            open();
        } catch (IOException | RuntimeException e) {
            log.error("Worker {} - failed to start: {}", config.worker().id(), e.getMessage());
            releaseAfterFailedStart(e);
            throw e;
        }
    }

    private void open() throws IOException {
        if (config.http().enabled()) {
            // First, so that a port in use fails the start before anything else is opened, and probes get answers
            // (ready: no) while the rest starts.
            http = OpsServer.start(config.http(), () -> parts);
        }
        store = AuditStores.open(config.audit(), config.dataDir());
        batcher = new AuditBatcher(store, config.audit());
        session = BrokerSession.open(config, "jobladder-worker-" + config.worker().id(), clock);
        consuming = BrokerConnections.open(config.broker(), "jobladder-worker-" + config.worker().id() + "-consuming");
        handBacks = new HandBacks(config.worker().handBack());
        consumerRecovery = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.numbered("jobladder-consumer-recovery"));
        running = true;
        cron = CronRuntime.start(config.cron(), schedules, session, store, config.worker().id(), config.broker().confirmTimeout(),
                clock).orElse(null);
        if (config.audit().retention().enabled()) {
            retention = new AuditRetention(store, config.audit().retention(), () -> cron == null || cron.leading(),
                    clock);
            retention.start();
        }
        holdTimer = new HoldTimer(clock);
        heldLookUps = new HeldLookUps(store);
        // Before the consumers, so that jobs are counted from the first and consuming starts last, as it did.
        metrics = WorkerMetrics.bind(meters, stats, live(), session.confirmedPublisher(), batcher, consuming,
                session.declarer().names(), handlers.keySet());
        if (config.worker().ladderWatch().enabled()) {
            strandedRungs = StrandedRungs.start(config.worker().ladderWatch(), config.broker().uri(),
                    config.broker().vhost(), session.declarer().names(), meters);
        }
        for (Map.Entry<String, JobHandler> entry : handlers.entrySet()) {
            consumers.add(consume(entry.getKey(), entry.getValue()));
        }
        TopologyNames names = session.declarer().names();
        parts = new OpsParts(config, this, session, consuming, metrics.queueDepths(), cron, meters, clock);
        log.info("Worker {} - started, consuming types {}; ladder exchanges {} .. {} ({} queues, one pass up to {})",
                config.worker().id(), handlers.keySet(), names.ladderExchange(config.ladder().levels() - 1),
                names.ladderExchange(0), config.ladder().queueCount(), config.ladder().maxDelay());
    }

    private TypeConsumer consume(String type, JobHandler handler) throws IOException {
        var settings = config.forType(type);
        String workerId = config.worker().id();
        TopologyDeclarer declarer = session.declarer();
        ExecutorService executor = Executors.newFixedThreadPool(settings.concurrency(),
                DaemonThreads.numbered("jobladder-" + type));
        HeldJobs held = new HeldJobs(type, workerId, stats, executor, holdTimer, heldLookUps,
                config.ladder().window().plus(config.ladder().lead()).plus(config.worker().holdMargin()),
                config.worker().holdLookAhead());
        AttemptLog attempts = new AttemptLog(workerId, batcher::record, stats, clock);
        PatientStore patientStore = new PatientStore(store, () -> running, workerId);
        Settlement.Terms terms = new Settlement.Terms(type, workerId, handBacks, attempts,
                new DeadJobQueue(session.confirmedPublisher(), declarer.names()), () -> running);
        JobExecution.Steps steps = new JobExecution.Steps(type, config.worker().maxPayloadBytes(), clock, held,
                patientStore, new OverlapGuard(name -> cron != null && cron.forbidsOverlap(name), patientStore,
                workerId, settings.timeout()),
                new HandlerCall(type, handler, settings.timeout(), session.timer(), store, workerId, clock), stats,
                new Outcomes(settings, session.publisher(), attempts, stats));
        // Declared once more through the publisher now, so that no retry needs a declaring round trip on a
        // connection an alarm may have blocked.
        session.publisher().ensureWorkerQueue(type);
        // Held jobs have a budget of their own, so that they never keep a due job waiting at the broker.
        int prefetch = Math.max(config.worker().prefetch(), settings.concurrency()) + settings.holdBudget();
        TypeConsumer consumer = new TypeConsumer(consuming, declarer, type, workerId,
                delivery -> new JobExecution(delivery, new Settlement(delivery, terms), steps), prefetch, executor,
                held, consumerRecovery);
        consumer.start();
        return consumer;
    }

    /** Closes, newest first, what a start that failed had opened; their own failures go with {@code failure}. */
    private void releaseAfterFailedStart(Throwable failure) {
        running = false;
        List<AutoCloseable> opened = new ArrayList<>();
        for (TypeConsumer consumer : consumers) {
            opened.add(consumer::stopConsuming);
            opened.add(consumer.handlers()::shutdownNow);
        }
        opened.addAll(Arrays.asList(strandedRungs, metrics, retention, cron, heldLookUps, holdTimer, handBacks, batcher));
        if (consumerRecovery != null) {
            opened.add(consumerRecovery::shutdownNow);
        }
        if (consuming != null) {
            opened.add(() -> BrokerSession.closeQuietly(consuming));
        }
        opened.add(session);
        opened.add(store);
        opened.add(http);
        for (AutoCloseable resource : opened) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        consumers.clear();
        session = null;
        http = null;
    }

    public WorkerStats stats() {
        return stats;
    }

    @Override
    public WorkerCounts counts() {
        return stats;
    }

    @Override
    public Histogram lateness() {
        return stats.lateness();
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

    /** By type: deliveries its handler pool has taken, running or waiting for a thread (held jobs not counted). */
    @Override
    public Map<String, Integer> deliveriesInFlight() {
        Map<String, Integer> inFlight = new LinkedHashMap<>();
        for (TypeConsumer consumer : consumers) {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) consumer.handlers();
            inFlight.put(consumer.type(), pool.getActiveCount() + pool.getQueue().size());
        }
        return inFlight;
    }

    /**
     * Why this daemon cannot take jobs now, empty when it can: started, both broker connections
     * open, and every type's consumer consuming. The audit store is checked by the caller (a query).
     */
    @Override
    public List<String> notReady() {
        // Not synchronized: a probe must answer while start or stop holds the lock.
        BrokerSession publishing = session;
        Connection consumingConnection = consuming;
        if (publishing == null || consumingConnection == null || !running) {
            return List.of(publishing == null ? "not started" : "stopping");
        }
        List<String> reasons = new ArrayList<>();
        if (!publishing.connection().isOpen()) {
            reasons.add("the publishing connection to the broker is down (recovering)");
        }
        if (!consumingConnection.isOpen()) {
            reasons.add("the consuming connection to the broker is down (recovering)");
        }
        for (TypeConsumer consumer : consumers) {
            if (!consumer.consuming()) {
                reasons.add("the consumer of type " + consumer.type() + " is not registered (re-creating it)");
            }
        }
        return reasons;
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
        return cron != null && cron.leading();
    }

    /** The daemon's audit store, open between start and stop. */
    @Override
    public AuditStore store() {
        return store;
    }

    /** Stops consuming, lets in-flight jobs finish within the grace period, then closes everything. */
    public synchronized void stop() {
        if (session == null) {
            return;
        }
        log.info("Worker {} - stopping", config.worker().id());
        parts = null;
        if (http != null) {
            http.close();
        }
        if (strandedRungs != null) {
            strandedRungs.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (cron != null) {
            cron.close();
        }
        if (retention != null) {
            retention.close();
        }
        consumerRecovery.shutdownNow();
        for (TypeConsumer consumer : consumers) {
            consumer.stopConsuming();
        }
        int handedBack = 0;
        for (TypeConsumer consumer : consumers) {
            handedBack += consumer.held().handBackAll();
            consumer.handlers().shutdown();
        }
        log.info("Worker {} - stopping: {} held jobs handed back to the broker", config.worker().id(), handedBack);
        long deadline = System.nanoTime() + config.worker().shutdownGrace().toNanos();
        int abandoned = 0;
        for (TypeConsumer consumer : consumers) {
            ExecutorService handlers = consumer.handlers();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!handlers.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    abandoned += handlers.shutdownNow().size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned += handlers.shutdownNow().size();
            }
        }
        running = false;
        if (holdTimer != null) {
            holdTimer.close();
            heldLookUps.close();
        }
        batcher.close();
        // Held hand-backs and anything still unacked go back to the queues as the consuming channels close.
        handBacks.close();
        BrokerSession.closeQuietly(consuming);
        session.close();
        session = null;
        store.close();
        log.info("Worker {} - stopped; {} queued jobs and {} unrecorded attempts left to the broker for redelivery",
                config.worker().id(), abandoned, batcher.unrecorded());
    }

    @Override
    public void close() {
        stop();
    }
}
