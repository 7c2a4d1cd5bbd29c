package com.jobladder.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which RabbitMQ the tests run on: the system's (3.10, Debian 12's package, at 5672) by default,
 * or, with {@code -Dtest.rabbitmq=4.0} (or {@code JOBLADDER_TEST_RABBITMQ=4.0}), the 4.0
 * node that {@code bin/ensure-services rabbitmq4} builds in a Debian trixie root of its own and
 * runs as {@code rabbit4@localhost} at 5673. The shared-broker tests then connect to 5673, and
 * {@link PrivateBroker} and {@link PrivateCluster} start 4.0 nodes: the root's own binaries, run
 * through {@code chroot}, with data directories inside the root and the root's Erlang cookie.
 */
public final class RabbitMqUnderTest {
    /** The version asked for, {@code 3.10} when none is. */
    public static final String VERSION = version();

    private static final Path ROOT =
            Path.of(System.getenv().getOrDefault("JOBLADDER_RABBITMQ4_ROOT", "/var/lib/jobladder/rabbitmq-4.0"));

    private RabbitMqUnderTest() {}

    /** Whether the tests run on the 4.0 node. */
    public static boolean isFour() {
        return VERSION.equals("4.0");
    }

    /** The largest message body the broker under test takes by default ({@code max_message_size}). */
    public static int maxMessageSize() {
        return isFour() ? 16 * 1024 * 1024 : 128 * 1024 * 1024;
    }

    /** The shared broker's AMQP port. */
    static int sharedPort() {
        return isFour() ? 5673 : 5672;
    }

    /** The shared broker's node name, for its rabbitmqctl. */
    static String sharedNode() {
        return isFour() ? "rabbit4@localhost" : "rabbit@localhost";
    }

    /** {@code command} (rabbitmqctl, rabbitmq-server, chown...) as it runs against the broker under test. */
    static List<String> command(List<String> command) {
        if (!isFour()) {
            return command;
        }
        List<String> chrooted = new ArrayList<>(List.of("chroot", ROOT.toString()));
        chrooted.addAll(command);
        return chrooted;
    }

    /** A fresh directory for a private node's data, where the node's binaries see it. */
    static Path newNodeDirectory(String prefix) throws IOException {
        if (!isFour()) {
            return Files.createTempDirectory(prefix);
        }
        requireRoot();
        return Files.createTempDirectory(ROOT.resolve("tmp"), prefix);
    }

    /** {@code path} (a directory of {@link #newNodeDirectory}) as the broker's tools see it. */
    static String asSeenByBroker(Path path) {
        return isFour() ? "/" + ROOT.relativize(path) : path.toString();
    }

    private static void requireRoot() {
        if (!Files.isRegularFile(ROOT.resolve(".jobladder-rabbitmq-done"))) {
            throw new IllegalStateException("RabbitMQ 4.0 is not installed in " + ROOT
                    + ": run bin/ensure-services rabbitmq4 (as root) before the tests on 4.0");
        }
    }

    private static String version() {
        String asked = System.getProperty("test.rabbitmq", System.getenv("JOBLADDER_TEST_RABBITMQ"));
        if (asked == null || asked.isBlank() || asked.equals("3.10")) {
            return "3.10";
        }
        if (asked.equals("4.0")) {
            return "4.0";
        }
        throw new IllegalStateException("test.rabbitmq (or JOBLADDER_TEST_RABBITMQ) is " + asked
                + "; expected 3.10 (the system's broker) or 4.0 (bin/ensure-services rabbitmq4)");
    }
}
