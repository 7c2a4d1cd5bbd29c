package com.jobladder.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A RabbitMQ cluster of a test's own: {@code size} {@link PrivateBroker} nodes on this machine
 * (own node names, ports and data directories), joined to the first with {@code join_cluster}.
 * They share the Erlang cookie of the rabbitmq user, as every node started by Debian's wrapper
 * does. Quorum queues declared on it are replicated on every node; a test kills, stops and
 * restarts single nodes to see what an application sees when a host is lost.
 */
public final class PrivateCluster implements AutoCloseable {
    private final List<PrivateBroker> nodes;

    private PrivateCluster(List<PrivateBroker> nodes) {
        this.nodes = nodes;
    }

    /** {@code size} nodes with the settings docs/broker-setup.md recommends, clustered and running. */
    public static PrivateCluster start(int size) throws IOException {
        return start(size, BrokerTuning.ADVANCED_CONFIG);
    }

    public static PrivateCluster start(int size, String advancedConfig) throws IOException {
        return start(size, advancedConfig, false);
    }

    /** {@code size} nodes as {@link #start(int)} makes them, each with the management plugin's HTTP API. */
    public static PrivateCluster startWithManagement(int size) throws IOException {
        return start(size, BrokerTuning.ADVANCED_CONFIG, true);
    }

    private static PrivateCluster start(int size, String advancedConfig, boolean management) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
        }
        List<PrivateBroker> nodes = new ArrayList<>();
        PrivateCluster cluster = new PrivateCluster(nodes);
        try {
            for (int i = 0; i < size; i++) {
                nodes.add(PrivateBroker.start(advancedConfig, management));
            }
            String seed = nodes.get(0).nodeName();
            for (PrivateBroker node : nodes.subList(1, size)) {
                node.rabbitmqctl("stop_app");
                node.rabbitmqctl("join_cluster", seed);
                node.rabbitmqctl("start_app");
            }
            cluster.awaitRunning(size);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<PrivateBroker> nodes() {
        return List.copyOf(nodes);
    }

    public PrivateBroker node(int index) {
        return nodes.get(index);
    }

    /** Every node's AMQP address, comma-separated, for {@code jobladder.broker.addresses}. */
    public String addresses() {
        return nodes.stream().map(PrivateBroker::address).collect(Collectors.joining(","));
    }

    /** Waits until {@code count} nodes report themselves running members of the cluster. */
    public void awaitRunning(int count) throws IOException {
        PrivateBroker asked = nodes.stream()
                .filter(PrivateBroker::isRunning)
                .findFirst()
                .orElseThrow(() -> new IOException("no node of the cluster answers"));
        Poll.until(
                Duration.ofSeconds(120),
                () -> runningNodes(asked) >= count,
                () -> "the cluster to have " + count + " running nodes; " + asked.nodeName() + " sees "
                        + runningNodes(asked));
    }

    /** Running nodes as {@code node} sees them ({@code cluster_status}). */
    public int runningNodes(PrivateBroker node) {
        try {
            String status = node.rabbitmqctl("eval", "length(rabbit_nodes:all_running()).");
            return Integer.parseInt(status.trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The node that leads the most quorum queues whose name starts with {@code prefix}, by the
     * {@code leader} column of {@code list_queues}.
     */
    public PrivateBroker leaderOfMost(String prefix) throws IOException {
        PrivateBroker asked = nodes.stream()
                .filter(PrivateBroker::isRunning)
                .findFirst()
                .orElseThrow(() -> new IOException("no node of the cluster answers"));
        String listing = asked.rabbitmqctl("list_queues", "name", "leader", "--no-table-headers", "-q");
        PrivateBroker most = null;
        long mostCount = -1;
        for (PrivateBroker node : nodes) {
            long count = listing.lines()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(c -> c.length == 2 && c[0].startsWith(prefix) && c[1].equals(node.nodeName()))
                    .count();
            if (count > mostCount) {
                most = node;
                mostCount = count;
            }
        }
        return most;
    }

    /**
     * Every queue with its messages (in all, ready, unacknowledged), consumers and leader, as a live
     * node sees them, for failure messages. A quorum queue's messages beyond ready + unacknowledged
     * are dead-lettered ones its at-least-once dead-letter worker has not passed on yet.
     */
    public String describeQueues() {
        return nodes.stream()
                .filter(PrivateBroker::isRunning)
                .findFirst()
                .map(node -> {
                    try {
                        return node.rabbitmqctl(
                                "list_queues",
                                "name",
                                "messages",
                                "messages_ready",
                                "messages_unacknowledged",
                                "consumers",
                                "leader",
                                "--no-table-headers",
                                "-q");
                    } catch (IOException e) {
                        return "(cannot list queues: " + e.getMessage() + ")";
                    }
                })
                .orElse("(no node answers)");
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (PrivateBroker node : nodes) {
            try {
                node.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
