package com.jobladder.internal.engine;

import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.BundleCodec;
import com.jobladder.internal.audit.AuditBatcher;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.concurrent.StartedParts;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: consumes the worker queue of every type it has a handler for, holds early jobs for
 * their due instant, runs each on its type's threads and settles it once its attempt is recorded.
 * It consumes and acks on a connection of its own and publishes (retries, re-entries, dead-job
 * copies, cron fires) on another: under a memory or disk alarm the broker stops reading from
 * publishing connections, and acks must still get through.
 *
 * <p>{@link #open} connects, {@link #startConsuming} takes jobs, and {@link #close} stops: it stops
 * consuming, hands held jobs back, lets running ones finish within {@code shutdown-grace}, then
 * closes the rest. Close is idempotent and bounded.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);

    private final SchedulerConfig config;
    private final AuditStore store;
    private final Map<String, JobHandler> handlers;
    private final Predicate<String> forbidsOverlap;
    private final Clock clock;
    private final WorkerStats stats;
    private final StartedParts parts = new StartedParts();
    private final List<TypeConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean closed;
    private BrokerSession session;
    private Connection consuming;
    private ScheduledExecutorService consumerRecovery;
    private HandBacks handBacks;
    private AuditBatcher batcher;
    private HoldTimer holdTimer;
    private HeldLookUps heldLookUps;

    private JobEngine(
            SchedulerConfig config,
            AuditStore store,
            Map<String, JobHandler> handlers,
            Predicate<String> forbidsOverlap,
            WorkerStats stats,
            Clock clock) {
        this.config = config;
        this.store = store;
        this.handlers = new TreeMap<>(handlers);
        this.forbidsOverlap = forbidsOverlap;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Connects to the broker and declares the topology, without consuming yet; throws having released
     * whatever it opened.
     *
     * @param forbidsOverlap whether a cron schedule's runs may not overlap, by schedule name
     * @param stats          where the engine counts what it does; it outlives the engine
     */
    public static JobEngine open(
            SchedulerConfig config,
            AuditStore store,
            Map<String, JobHandler> handlers,
            Predicate<String> forbidsOverlap,
            WorkerStats stats,
            Clock clock)
            throws IOException {
        JobEngine engine = new JobEngine(config, store, handlers, forbidsOverlap, stats, clock);
        try {
            engine.connect();
        } catch (IOException | RuntimeException e) {
            engine.parts.closeAfter(e);
            throw e;
        }
        return engine;
    }

    // Opened so that the reverse order closes each part before what it still needs: the batcher acks
    // on the consuming connection, hand-backs run there too.
    private void connect() throws IOException {
        String name = "jobladder-worker-" + config.worker().id();
        session = parts.add(BrokerSession.open(config, name, clock));
        consuming = BrokerConnections.open(config.broker(), name + "-consuming");
        parts.add(() -> BrokerSession.closeQuietly(consuming));
        consumerRecovery =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("jobladder-consumer-recovery"));
        parts.add(consumerRecovery::shutdownNow);
        handBacks = parts.add(new HandBacks(config.worker().handBack()));
        batcher = parts.add(new AuditBatcher(store, config.audit()));
        holdTimer = parts.add(new HoldTimer(clock));
        heldLookUps = parts.add(new HeldLookUps(store));
        running = true;
    }

    /** Starts consuming the worker queue of every type with a handler; last, once everything else runs. */
    public void startConsuming() throws IOException {
        for (Map.Entry<String, JobHandler> entry : handlers.entrySet()) {
            consumers.add(consume(entry.getKey(), entry.getValue()));
        }
    }

    private TypeConsumer consume(String type, JobHandler handler) throws IOException {
        var settings = config.forType(type);
        String workerId = config.worker().id();
        TopologyDeclarer declarer = session.declarer();
        ExecutorService executor =
                Executors.newFixedThreadPool(settings.concurrency(), DaemonThreads.numbered("jobladder-" + type));
        WorkerQueueCopy copies = new WorkerQueueCopy(session.confirmedPublisher(), declarer.names());
        HeldJobs held = new HeldJobs(
                type,
                workerId,
                stats,
                executor,
                holdTimer,
                heldLookUps,
                config.ladder()
                        .window()
                        .plus(config.ladder().lead())
                        .plus(config.worker().holdMargin()),
                config.worker().holdLookAhead(),
                copies);
        AttemptLog attempts = new AttemptLog(workerId, batcher::record, stats, clock);
        PatientStore patientStore = new PatientStore(store, () -> running, workerId);
        Settlement.Terms terms = new Settlement.Terms(
                type,
                workerId,
                handBacks,
                attempts,
                new DeadJobQueue(session.confirmedPublisher(), declarer.names()),
                () -> running);
        JobExecution.Steps steps = new JobExecution.Steps(
                type,
                config.worker().maxPayloadBytes(),
                clock,
                held,
                patientStore,
                new OverlapGuard(forbidsOverlap, patientStore, workerId, settings.timeout()),
                new HandlerCall(type, handler, settings.timeout(), session.timer(), store, workerId, clock),
                stats,
                new Outcomes(settings, session.publisher(), attempts, stats));
        // Declared once more through the publisher now, so that no retry needs a declaring round trip on a
        // connection an alarm may have blocked.
        session.publisher().ensureWorkerQueue(type);
        // Held jobs have a budget of their own, so that they never keep a due job waiting at the broker.
        int prefetch = Math.max(config.worker().prefetch(), settings.concurrency()) + settings.holdBudget();
        Function<Delivery, Runnable> jobs =
                delivery -> new JobExecution(delivery, new Settlement(delivery, terms), steps);
        BundleIntake.Parts bundleParts =
                new BundleIntake.Parts(type, workerId, jobs, executor, copies, handBacks, stats);
        TypeConsumer consumer = new TypeConsumer(
                consuming,
                declarer,
                type,
                workerId,
                delivery -> BundleCodec.isBundle(delivery.properties())
                        ? new BundleIntake(delivery, new Settlement(delivery, terms), bundleParts)
                        : jobs.apply(delivery),
                prefetch,
                executor,
                held,
                consumerRecovery);
        // Registered before it starts, so that a start that fails midway still stops the types started so far.
        parts.add(() -> {
            consumer.stopConsuming();
            consumer.handlers().shutdownNow();
        });
        consumer.start();
        return consumer;
    }

    public BrokerSession session() {
        return session;
    }

    /** The connection that never publishes: reads go there, since the broker stops reading a publishing one under an alarm. */
    public Connection consuming() {
        return consuming;
    }

    public AuditBatcher batcher() {
        return batcher;
    }

    /** The job types this engine has handlers for. */
    public Set<String> types() {
        return handlers.keySet();
    }

    /** By type: deliveries its handler pool has taken, running or waiting for a thread (held jobs not counted). */
    public Map<String, Integer> deliveriesInFlight() {
        Map<String, Integer> inFlight = new LinkedHashMap<>();
        for (TypeConsumer consumer : consumers) {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) consumer.handlers();
            inFlight.put(
                    consumer.type(), pool.getActiveCount() + pool.getQueue().size());
        }
        return inFlight;
    }

    /**
     * Why this engine cannot take jobs now, empty when it can: both broker connections open, and every
     * type's consumer consuming.
     */
    public List<String> notReady() {
        if (!running) {
            return List.of("stopping");
        }
        List<String> reasons = new ArrayList<>();
        if (!session.connection().isOpen()) {
            reasons.add("the publishing connection to the broker is down (recovering)");
        }
        if (!consuming.isOpen()) {
            reasons.add("the consuming connection to the broker is down (recovering)");
        }
        for (TypeConsumer consumer : consumers) {
            if (!consumer.consuming()) {
                reasons.add("the consumer of type " + consumer.type() + " is not registered (re-creating it)");
            }
        }
        return reasons;
    }

    /** Stops consuming, hands held jobs back, lets running ones finish within the grace period, then closes the rest. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String workerId = config.worker().id();
        consumerRecovery.shutdownNow();
        for (TypeConsumer consumer : consumers) {
            consumer.stopConsuming();
        }
        int handedBack = 0;
        for (TypeConsumer consumer : consumers) {
            handedBack += consumer.held().handBackAll(config.broker().confirmTimeout());
            consumer.handlers().shutdown();
        }
        log.info("Worker {} - stopping: {} held jobs handed back to the broker", workerId, handedBack);
        int abandoned = awaitHandlers(
                System.nanoTime() + config.worker().shutdownGrace().toNanos());
        running = false;
        // Held hand-backs and anything still unacked go back to the queues as the consuming channels close.
        parts.closeAll();
        log.info(
                "Worker {} - stopped; {} queued jobs and {} unrecorded attempts left to the broker for redelivery",
                workerId,
                abandoned,
                batcher.unrecorded());
    }

    private int awaitHandlers(long deadline) {
        int abandoned = 0;
        for (TypeConsumer consumer : consumers) {
            ExecutorService pool = consumer.handlers();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    abandoned += pool.shutdownNow().size();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandoned += pool.shutdownNow().size();
            }
        }
        return abandoned;
    }
}
