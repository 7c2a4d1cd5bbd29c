package com.jobladder.internal.relay;

import com.jobladder.handler.JobHandler;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.amqp.JobPublisher;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.concurrent.StartedParts;
import com.jobladder.internal.config.DelayedExchange;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.QueueType;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of one worker: a handler per delayed exchange for the engine to run (publishing to
 * the target on a connection of the relay's own), and, once the engine consumes, the intake that
 * takes what producers publish to the delayed exchanges into the ladder. Close stops the intake
 * first; the handlers' connection closes after the engine, whose handlers use it.
 */
public final class Relay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final SchedulerConfig config;
    private final Connection connection;
    private final List<TargetChannel> targets = new ArrayList<>();
    /** Completes the relay's futures off the connection's thread: what follows a confirm may publish and wait. */
    private final ExecutorService confirms =
            Executors.newSingleThreadExecutor(DaemonThreads.named("jobladder-relay-confirms"));

    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();

    private Relay(SchedulerConfig config, Connection connection, MeterRegistry meters) {
        this.config = config;
        this.connection = connection;
        RelayMeters relayMeters = new RelayMeters(meters);
        for (DelayedExchange exchange : config.relay().exchanges()) {
            TargetChannel target = new TargetChannel(connection, config.broker().confirmTimeout(), confirms);
            targets.add(target);
            handlers.put(exchange.jobType(), new RelayHandler(exchange, target, relayMeters));
        }
    }

    /** Connects; the handlers it returns need it open until the engine has stopped. */
    public static Relay open(SchedulerConfig config, MeterRegistry meters) {
        return new Relay(
                config,
                BrokerConnections.open(
                        config.broker(), "jobladder-worker-" + config.worker().id() + "-relay"),
                meters);
    }

    /**
     * The application's handlers with the relay's added, refusing a handler registered for a relay
     * job type.
     */
    public Map<String, JobHandler> withHandlers(Map<String, JobHandler> applicationHandlers) {
        Map<String, JobHandler> all = new HashMap<>(applicationHandlers);
        for (Map.Entry<String, JobHandler> entry : handlers.entrySet()) {
            if (all.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                throw new IllegalStateException("a handler is registered for job type " + entry.getKey()
                        + ", which the relay uses for its delayed exchange; rename the type or the exchange"
                        + " (jobladder.relay.exchanges)");
            }
        }
        return all;
    }

    /** Declares the delayed exchanges and starts taking their messages into the ladder; close it first. */
    public AutoCloseable startIntake(JobPublisher ladder, Clock clock) throws IOException {
        StartedParts parts = new StartedParts();
        ExecutorService taking = Executors.newSingleThreadExecutor(DaemonThreads.named("jobladder-relay-intake"));
        parts.add(taking::shutdownNow);
        ScheduledExecutorService retrying =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-relay-retry"));
        parts.add(retrying::shutdownNow);
        TopologyNames names = ladder.names();
        try {
            for (DelayedExchange exchange : config.relay().exchanges()) {
                parts.add(RelayIntake.start(
                        connection,
                        exchange,
                        intakeQueue(names, exchange),
                        intakeArguments(names),
                        ladder,
                        taking,
                        retrying,
                        config.worker().handBack(),
                        config.worker().maxPayloadBytes(),
                        clock));
                log.info(
                        "Relay - delayed exchange {} relays to {} as job type {}",
                        exchange.name(),
                        exchange.target(),
                        exchange.jobType());
            }
        } catch (IOException | RuntimeException e) {
            parts.closeAfter(e);
            throw e;
        }
        return () -> {
            parts.closeAll();
            log.info("Relay - intake stopped");
        };
    }

    /** Where a delayed exchange's messages wait until the relay has put them into the ladder. */
    public static String intakeQueue(TopologyNames names, DelayedExchange exchange) {
        return names.namespace() + ".relay-intake." + exchange.name();
    }

    /**
     * Like the worker queues: the ladder's queue type, and a message the broker gives up on goes to
     * the dead-job queue rather than away.
     */
    private static Map<String, Object> intakeArguments(TopologyNames names) {
        Map<String, Object> args = new HashMap<>();
        args.put("x-dead-letter-exchange", names.deadExchange());
        if (names.ladder().queueType() == QueueType.QUORUM) {
            args.put("x-queue-type", "quorum");
            args.put("x-quorum-initial-group-size", names.ladder().quorumInitialGroupSize());
            args.put("x-dead-letter-strategy", "at-least-once");
            args.put("x-overflow", "reject-publish");
            args.put("x-delivery-limit", TopologyDeclarer.WORKER_QUEUE_DELIVERY_LIMIT);
        } else {
            args.put("x-queue-type", "classic");
        }
        return args;
    }

    @Override
    public void close() {
        targets.forEach(TargetChannel::close);
        confirms.shutdown();
        BrokerSession.closeQuietly(connection);
    }
}
