package com.jobladder.bench.setup;

import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A benchmark's own corner of the configured broker: a fresh namespace and a fresh H2 audit
 * file, deleted again when the benchmark ends, so runs neither see nor leave anything.
 */
public final class BenchNamespace implements AutoCloseable {
    private final SchedulerConfig config;
    private final List<String> types;

    private BenchNamespace(SchedulerConfig config, List<String> types) {
        this.config = config;
        this.types = types;
    }

    public static BenchNamespace create(Path conf, String... types) throws IOException {
        return of(ConfigLoader.load(conf), types);
    }

    /** A corner of the broker that {@code base} names (e.g. a benchmark's private node). */
    public static BenchNamespace of(SchedulerConfig base, String... types) throws IOException {
        Path dataDir = Files.createTempDirectory("jobladder-bench");
        SchedulerConfig config = base.withBroker(base.broker()
                        .withNamespace("bench-" + UUID.randomUUID().toString().substring(0, 8)))
                .withAudit(base.audit().withJdbcUrl("jdbc:h2:file:" + dataDir.resolve("audit"), "sa", ""))
                // Any free HTTP port: a benchmark's workers must not collide with each other or a running demo.
                .withHttp(base.http().withPort(0));
        return new BenchNamespace(config, List.of(types));
    }

    public SchedulerConfig config() {
        return config;
    }

    /** Deletes every queue and exchange of the namespace. */
    @Override
    public void close() {
        try (Connection connection = BrokerConnections.open(config.broker(), "jobladder-bench-cleanup");
                Channel channel = connection.createChannel()) {
            new TopologyDeclarer(config.topologyNames()).deleteAll(channel, types);
        } catch (Exception e) {
            System.err.println("could not delete the benchmark's namespace "
                    + config.broker().namespace() + ": " + e);
        }
    }
}
