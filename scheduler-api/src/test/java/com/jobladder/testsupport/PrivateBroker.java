package com.jobladder.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of a test's (or a benchmark's) own: own node name, ports and data directory,
 * so that it can set broker options, stop and restart a broker without touching the shared one. Uses the
 * locally installed rabbitmq-server, or 4.0's in its own root ({@link RabbitMqUnderTest}); Debian's
 * wrapper runs it as the rabbitmq user, so the data directory is handed to that user.
 */
public final class PrivateBroker implements AutoCloseable {
    private final String node;
    private final int port;
    private final int distPort;
    /** The management plugin's HTTP port, or -1 when the plugin is off. */
    private final int managementPort;

    private final Path home;
    /** Stops the node when the JVM is stopped (Ctrl-C on a benchmark) before {@link #close}. */
    private final Thread stopAtExit = new Thread(this::closeQuietly, "private-broker-stop");

    private PrivateBroker(String node, int port, int distPort, int managementPort, Path home) {
        this.node = node;
        this.port = port;
        this.distPort = distPort;
        this.managementPort = managementPort;
        this.home = home;
    }

    /** A node with the settings docs/broker-setup.md recommends. */
    public static PrivateBroker start() throws IOException {
        return start(BrokerTuning.ADVANCED_CONFIG);
    }

    /**
     * A node with the recommended settings and a short {@code consumer_timeout}: a channel that
     * holds a delivery unacked longer is closed by the broker. The broker checks it every channel
     * tick, a minute by default; here every second, so the timeout acts within a second of expiring.
     */
    public static PrivateBroker startWithConsumerTimeout(Duration timeout) throws IOException {
        return start(BrokerTuning.withRabbitSettings(
                "{consumer_timeout, " + timeout.toMillis() + "}", "{channel_tick_interval, 1000}"));
    }

    /**
     * A node whose advanced.config is {@code advancedConfig} ({@code "[]."} for RabbitMQ's
     * defaults). The benchmarks start their brokers this way too.
     */
    public static PrivateBroker start(String advancedConfig) throws IOException {
        return start(advancedConfig, false);
    }

    /**
     * A node with the recommended settings and the management plugin, its HTTP API on a free
     * loopback port ({@link #managementUri()}); it takes a few seconds longer to start.
     */
    public static PrivateBroker startWithManagement() throws IOException {
        return start(BrokerTuning.ADVANCED_CONFIG, true);
    }

    static PrivateBroker start(String advancedConfig, boolean management) throws IOException {
        String name = "jobladder-node-" + UUID.randomUUID().toString().substring(0, 8);
        Path home = RabbitMqUnderTest.newNodeDirectory(name);
        Files.writeString(home.resolve("enabled_plugins"), management ? "[rabbitmq_management]." : "[].");
        Files.writeString(home.resolve("advanced.config"), advancedConfig);
        int[] ports = freePorts(management ? 3 : 2);
        if (management) {
            Files.writeString(
                    home.resolve("rabbitmq.conf"),
                    "management.tcp.ip = 127.0.0.1\n" + "management.tcp.port = " + ports[2] + "\n");
        }
        PrivateBroker broker =
                new PrivateBroker(name + "@localhost", ports[0], ports[1], management ? ports[2] : -1, home);
        Commands.run(
                RabbitMqUnderTest.command(
                        List.of("chown", "-R", "rabbitmq:rabbitmq", RabbitMqUnderTest.asSeenByBroker(home))),
                Map.of(),
                false);
        Runtime.getRuntime().addShutdownHook(broker.stopAtExit);
        try {
            broker.startNode();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public int port() {
        return port;
    }

    /** The node's operating-system process (from its pid file), to measure what it costs. */
    public long osPid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("pid")).trim());
    }

    /** Whether the node answers a ping. */
    public boolean isRunning() {
        try {
            rabbitmqctl("ping");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The Erlang node name, {@code name@localhost}. */
    public String nodeName() {
        return node;
    }

    /** This node's AMQP address for {@code jobladder.broker.addresses}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Kills the node's process with SIGKILL, as a crashed host would lose it, and waits until it is gone. */
    public void kill() throws IOException {
        ProcessHandle process = ProcessHandle.of(osPid()).orElse(null);
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(
                    "node " + node + " (pid " + process.pid() + ") did not die within 30 s of SIGKILL", e);
        }
    }

    /** The management HTTP API's base address; only for a node started with management. */
    public String managementUri() {
        if (managementPort < 0) {
            throw new IllegalStateException(
                    "node " + node + " runs without the management plugin: start it with" + " startWithManagement()");
        }
        return "http://127.0.0.1:" + managementPort;
    }

    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2f";
    }

    /** Stops the whole node (not just the app) and starts it again on the same data directory. */
    public void restart() throws IOException {
        stopNode();
        startNode();
    }

    public void stopNode() throws IOException {
        Commands.run(RabbitMqUnderTest.command(List.of("rabbitmqctl", "-n", node, "stop")), environment(), true);
    }

    /** Starts the node and waits until it serves; -detached returns before the node has registered. */
    public void startNode() throws IOException {
        Commands.run(RabbitMqUnderTest.command(List.of("rabbitmq-server", "-detached")), environment(), true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                Commands.run(
                        RabbitMqUnderTest.command(
                                List.of("rabbitmqctl", "-n", node, "await_startup", "--timeout", "30")),
                        environment(),
                        true);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "private RabbitMQ node " + node + " did not start within 120 s; its log is" + " in "
                                    + home.resolve("log"),
                            notYet);
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for " + node, e);
                }
            }
        }
    }

    /** Runs rabbitmqctl against this node, e.g. to raise a memory alarm. */
    public String rabbitmqctl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-n", node));
        command.addAll(List.of(args));
        return Commands.run(RabbitMqUnderTest.command(command), environment(), true);
    }

    /** Imports a RabbitMQ definitions file's content into this node ({@code rabbitmqctl import_definitions}). */
    public String importDefinitions(String json) throws IOException {
        Path file = Files.writeString(home.resolve("definitions.json"), json);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        return rabbitmqctl("import_definitions", RabbitMqUnderTest.asSeenByBroker(file));
    }

    /** Runs rabbitmq-queues against this node, e.g. to change a quorum queue's members. */
    public String rabbitmqQueues(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("rabbitmq-queues", "-n", node));
        command.addAll(List.of(args));
        return Commands.run(RabbitMqUnderTest.command(command), environment(), true);
    }

    /** Messages delivered from {@code queue} and not yet acknowledged, as this node counts them. */
    public long unacknowledged(String queue) {
        for (String line : listing("list_queues", "name", "messages_unacknowledged", "--no-table-headers")
                .split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return Long.parseLong(columns[1]);
            }
        }
        throw new IllegalStateException("queue " + queue + " not found on " + node + ": " + describeQueues());
    }

    /**
     * Whether the connection the client named {@code connectionName} is blocked: under a memory or
     * disk alarm the node stops reading from a connection once it publishes.
     */
    public boolean blocked(String connectionName) {
        String named = "{\"connection_name\",\"" + connectionName + "\"}";
        return listing("list_connections", "client_properties", "state", "--no-table-headers")
                .lines()
                .anyMatch(line -> line.contains(named) && line.trim().endsWith("blocked"));
    }

    private String listing(String... args) {
        try {
            return rabbitmqctl(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every queue with its ready and unacknowledged counts, for failure messages. */
    public String describeQueues() {
        try {
            return Commands.run(
                    RabbitMqUnderTest.command(List.of(
                            "rabbitmqctl",
                            "-n",
                            node,
                            "list_queues",
                            "name",
                            "messages_ready",
                            "messages_unacknowledged",
                            "--no-table-headers")),
                    environment(),
                    false);
        } catch (IOException e) {
            return "(cannot list queues: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        try {
            Commands.run(RabbitMqUnderTest.command(List.of("rabbitmqctl", "-n", node, "stop")), environment(), false);
        } finally {
            Commands.run(List.of("rm", "-rf", home.toString()), Map.of(), false);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("could not stop private RabbitMQ node " + node + ": " + e.getMessage());
        }
    }

    private Map<String, String> environment() {
        String at = RabbitMqUnderTest.asSeenByBroker(home);
        Map<String, String> env = new HashMap<>();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", at + "/mnesia");
        env.put("RABBITMQ_LOG_BASE", at + "/log");
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", at + "/enabled_plugins");
        env.put("RABBITMQ_CONFIG_FILE", at + "/rabbitmq");
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", at + "/advanced.config");
        env.put("RABBITMQ_PID_FILE", at + "/pid");
        return env;
    }

    /**
     * {@code count} distinct free loopback ports: AMQP, Erlang distribution and, with the plugin,
     * management. Held open together so that no two are the same.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
