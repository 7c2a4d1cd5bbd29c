package com.jobladder.bench.setup;

import com.jobladder.testsupport.PrivateBroker;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every scenario shares: quick mode, where results go, which scheduler.conf to start from. */
public final class BenchOptions {
    @Option(
            names = "--quick",
            description = "Shorter runs and smaller sizes (all scenarios within five minutes on 2 cores).")
    public boolean quick;

    @Option(
            names = "--out",
            defaultValue = "scheduler-bench/target/results",
            description = "Directory for the CSV files and PNG charts (default: ${DEFAULT-VALUE}).")
    public Path out;

    @Option(
            names = "--conf",
            defaultValue = "conf/scheduler.conf",
            description = "scheduler.conf the JobLadder runs start from (namespace and audit DB are replaced).")
    public Path conf;

    @Option(
            names = "--pg-url",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
            description =
                    "Any database on the PostgreSQL server; each run creates and drops a private database beside it.")
    public String pgUrl;

    @Option(names = "--pg-user", defaultValue = "postgres")
    public String pgUser;

    @Option(names = "--pg-password", defaultValue = "postgres")
    public String pgPassword;

    @Option(
            names = "--broker",
            defaultValue = "private",
            description = "'private' (default): a RabbitMQ node of the run's own (own ports and data directory, deleted"
                    + " afterwards), so that other users of the shared broker neither disturb nor are disturbed; or an"
                    + " amqp:// URI, e.g. amqp://guest:guest@127.0.0.1:5672/%%2f for the shared broker (a namespace of"
                    + " the run's own, deleted afterwards).")
    public String broker;

    @Option(
            names = "--node-dlx-prefetch",
            defaultValue = "512",
            description = "dead_letter_worker_consumer_prefetch of the private node (default ${DEFAULT-VALUE}, see"
                    + " docs/broker-setup.md; RabbitMQ's own default is 32).")
    public int nodeDlxPrefetch;

    @Option(
            names = "--split-cores",
            description = "Pin the private node to the machine's last core and this JVM and"
                    + " the local PostgreSQL to the others (taskset; PostgreSQL gets every core back afterwards): the broker"
                    + " then has a core of its own. Only with --broker private; pending and dlx-prefetch, which start nodes of"
                    + " their own, run unpinned.")
    public boolean splitCores;

    @Option(
            names = "--watch-node",
            description =
                    "Have the private node log what stalls it into --out"
                            + " (node-watch-<node>.log): processes that ran or collected garbage for over 50 ms without being"
                            + " switched out, and every 500 ms those with over 200 messages waiting. Only with --broker private.")
    public boolean watchNode;

    /** The broker to run against: a fresh private node, or the URI given; close it after the scenario. */
    public BrokerTarget openBroker() throws java.io.IOException {
        if (!broker.equals("private")) {
            if (splitCores || watchNode) {
                throw new IllegalArgumentException(
                        "--split-cores and --watch-node act on a private node: they need" + " --broker private");
            }
            return new BrokerTarget(broker, null, null);
        }
        System.out.println(
                "starting a private RabbitMQ node (dead_letter_worker_consumer_prefetch " + nodeDlxPrefetch + ")...");
        PrivateBroker node =
                PrivateBroker.start("[{rabbit, [{dead_letter_worker_consumer_prefetch, " + nodeDlxPrefetch + "}]}].");
        try {
            if (watchNode) {
                NodeWatch.start(node, out);
            }
            return new BrokerTarget(node.uri(), node, splitCores ? CoreSplit.apply(node.osPid()) : null);
        } catch (java.io.IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Which broker a table was measured on, for the output. */
    public String brokerDescription() {
        return broker.equals("private")
                ? "private node, dead_letter_worker_consumer_prefetch " + nodeDlxPrefetch
                        + (splitCores ? ", on a core of its own (--split-cores)" : "")
                : "broker " + com.jobladder.internal.config.Secrets.redact(broker);
    }

    /** @param split the cores given to the node alone, or null when it shares them */
    public record BrokerTarget(String uri, PrivateBroker node, CoreSplit split) implements AutoCloseable {
        public com.jobladder.internal.config.SchedulerConfig apply(
                com.jobladder.internal.config.SchedulerConfig config) {
            return patient(config.withBroker(config.broker().withUri(uri)));
        }

        @Override
        public void close() throws java.io.IOException {
            try {
                if (split != null) {
                    split.close();
                }
            } finally {
                if (node != null) {
                    node.close();
                }
            }
        }
    }

    /**
     * Longer connection and confirm timeouts than an application's: a broker that has just
     * declared hundreds of quorum queues on two busy cores can take more than the default 5 s to
     * complete an AMQP handshake, and a benchmark should measure that as latency, not fail.
     */
    public static com.jobladder.internal.config.SchedulerConfig patient(
            com.jobladder.internal.config.SchedulerConfig config) {
        var b = config.broker();
        return config.withBroker(new com.jobladder.internal.config.BrokerSettings(
                b.uri(),
                b.addresses(),
                b.namespace(),
                java.time.Duration.ofSeconds(60),
                java.time.Duration.ofSeconds(60),
                b.publisherChannels(),
                b.maxInFlight(),
                b.bundleMaxJobs(),
                b.bundleLinger()));
    }

    public String mode() {
        return quick ? "quick" : "full";
    }
}
