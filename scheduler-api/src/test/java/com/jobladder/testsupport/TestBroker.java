package com.jobladder.testsupport;

import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared RabbitMQ at 127.0.0.1:5672, or the 4.0 node at 5673 ({@link RabbitMqUnderTest}). Every test takes a namespace of its own under this
 * run's prefix, so nothing it declares meets another test's or another run's objects; its
 * queues are deleted after each test ({@link BrokerCleanup}) and anything left at exit.
 */
public final class TestBroker {
    public static final String HOST = System.getProperty("jobladder.test.broker.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("jobladder.test.broker.port", RabbitMqUnderTest.sharedPort());
    /**
     * A compact ladder of classic queues, and patience. RabbitMQ 3.10 on two cores stopped
     * answering AMQP handshakes for minutes after test runs declared and deleted thousands of
     * quorum queues; classic queues are cheap to declare and delete. Tests about what quorum
     * queues add (at-least-once dead-lettering across a restart, the end-to-end run) set
     * {@code queue-type = quorum} themselves. The final approach's window is 8^3 ms, the default
     * lead applies. Each worker's HTTP port is any free one: tests (and test runs) run side by side.
     */
    private static final String TEST_DEFAULTS = """
            jobladder.ladder { radix = 8, unit = 1ms, levels = 6, queue-type = classic, window = 512ms }
            jobladder.broker { connection-timeout = 30s, confirm-timeout = 30s }
            jobladder.http.port = 0
            """;

    private static final int PATIENCE_MS = 30_000;
    private static final Set<String> NAMESPACES_IN_USE = ConcurrentHashMap.newKeySet();

    private TestBroker() {}

    /**
     * Every name this test run declares starts with this prefix; at exit the run deletes whatever
     * it left. (Per-run vhosts were tried first: creating and deleting a vhost with hundreds of
     * quorum queues stalled the shared broker for minutes on two cores.)
     */
    public static final String RUN_PREFIX =
            "jltest-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    private static volatile boolean started;

    private static synchronized void start() {
        if (!started) {
            requireReachable();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(TestBroker::deleteEverythingOfThisRun, "delete-test-queues"));
            started = true;
        }
    }

    public static String uri() {
        return uriVia(PORT);
    }

    /** The broker's URI through another port, e.g. a {@link TcpProxy}'s. */
    public static String uriVia(int port) {
        start();
        return "amqp://guest:guest@" + HOST + ":" + port + "/%2f";
    }

    /** Settings for a test: the shared broker, the given namespace, an H2 audit file under {@code dataDir}. */
    public static SchedulerConfig config(String namespace, Path dataDir) {
        return config(namespace, dataDir, "");
    }

    /**
     * As {@link #config(String, Path)}, with extra HOCON settings on top. Tests get a compact
     * ladder (radix 8, 6 levels: 42 queues, 262 s per pass) unless they set their own, so the
     * broker every test shares stays light on two cores.
     */
    public static SchedulerConfig config(String namespace, Path dataDir, String extraHocon) {
        return ConfigLoader.fromString(hocon(namespace, dataDir) + extraHocon, Map.of());
    }

    /** {@link #config(String, Path)} as a scheduler.conf's text, for a test that starts another process. */
    public static String hocon(String namespace, Path dataDir) {
        NAMESPACES_IN_USE.add(namespace);
        return "jobladder.data-dir = \"" + dataDir + "\"\njobladder.broker.namespace = \"" + namespace + "\"\n"
                + "jobladder.broker.uri = \"" + uri() + "\"\n" + TEST_DEFAULTS;
    }

    public static Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        start();
        factory.setConnectionTimeout(PATIENCE_MS);
        factory.setHandshakeTimeout(PATIENCE_MS);
        return factory.newConnection("jobladder-test");
    }

    /** A namespace nobody else uses: this run's prefix, the given word and a random suffix. */
    public static String uniqueNamespace(String prefix) {
        return RUN_PREFIX + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Deletes the queues of every namespace handed out since the last call (run after each test
     * by {@link BrokerCleanup}), so quorum queues do not pile up on the shared broker.
     */
    public static void deleteNamespacesInUse() {
        if (!started || NAMESPACES_IN_USE.isEmpty()) {
            return;
        }
        List<String> prefixes = NAMESPACES_IN_USE.stream().map(ns -> ns + ".").toList();
        NAMESPACES_IN_USE.clear();
        deleteNamesStartingWith(prefixes, "list_queues");
    }

    /** Messages delivered from {@code queue} and not yet acknowledged, as the broker counts them. */
    public static long unacknowledged(String queue) {
        return count(queue, "messages_unacknowledged");
    }

    /** Messages in {@code queue} waiting for a consumer, as the broker counts them (a bundle of jobs is one). */
    public static long ready(String queue) {
        return count(queue, "messages_ready");
    }

    private static long count(String queue, String column) {
        for (String line : rabbitmqctl("list_queues", "-p", "/", "name", column, "--no-table-headers")
                .split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return Long.parseLong(columns[1]);
            }
        }
        throw new IllegalStateException("queue " + queue + " not found on the shared broker");
    }

    private static void deleteEverythingOfThisRun() {
        deleteNamesStartingWith(List.of(RUN_PREFIX), "list_queues");
        deleteNamesStartingWith(List.of(RUN_PREFIX), "list_exchanges");
    }

    /** Deletes the queues (or exchanges) whose names start with one of the prefixes; best effort. */
    private static void deleteNamesStartingWith(List<String> prefixes, String listCommand) {
        boolean queues = listCommand.equals("list_queues");
        try (Connection connection = connect()) {
            String listing = rabbitmqctl(listCommand, "-p", "/", "name", "--no-table-headers");
            for (String line : listing.split("\\R")) {
                String name = line.trim();
                if (prefixes.stream().anyMatch(name::startsWith)) {
                    try (Channel channel = connection.createChannel()) {
                        if (queues) {
                            channel.queueDelete(name);
                        } else {
                            channel.exchangeDelete(name);
                        }
                    }
                }
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // Best effort: the clean-up at exit takes whatever is left.
            System.err.println(
                    "TestBroker: deleting test queues failed (" + e + "); the run's clean-up at exit" + " tries again");
        }
    }

    private static void requireReachable() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(HOST, PORT), 3_000);
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage()
                    + "). The tests need it: run ./bin/test, which starts or installs it, or start it with"
                    + (RabbitMqUnderTest.isFour()
                            ? " `bin/ensure-services rabbitmq4`"
                            : " `rabbitmq-server -detached`"));
        }
    }

    private static String rabbitmqctl(String... args) {
        List<String> command =
                new java.util.ArrayList<>(List.of("rabbitmqctl", "-n", RabbitMqUnderTest.sharedNode(), "-q"));
        command.addAll(List.of(args));
        command = RabbitMqUnderTest.command(command);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim()
                        + ". The tests list their leftovers with rabbitmqctl on the local broker.");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run rabbitmqctl (" + e.getMessage()
                            + "): the tests need the local RabbitMQ's rabbitmqctl on PATH",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
