package com.jobladder.bench.setup;

import com.jobladder.testsupport.PrivateBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Has a private node log what stalls it ({@code node-watch.erl}: Erlang's system monitor and the
 * processes with long mailboxes) into a file beside the scenario's results, for telling a node
 * short of CPU from one process falling behind. It takes over the node's system monitor, so
 * RabbitMQ's own handler of it hears nothing more: harmless on a node deleted after the scenario.
 */
final class NodeWatch {
    private NodeWatch() {}

    static Path start(PrivateBroker node, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path log =
                outDir.toAbsolutePath().resolve("node-watch-" + node.nodeName().replace('@', '-') + ".log");
        // The node may run as another user (rabbitmq): it appends to a file made writable for it here.
        Files.deleteIfExists(log);
        Files.createFile(log);
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        String expression;
        try (InputStream source = NodeWatch.class.getResourceAsStream("node-watch.erl")) {
            if (source == null) {
                throw new IOException("node-watch.erl is missing from the benchmark's jar");
            }
            expression = new String(source.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^%%.*\\n", "")
                    .replace("LOGFILE", log.toString());
        }
        node.rabbitmqctl("eval", expression);
        System.out.println("node watch: what stalls the node is logged to " + log);
        return log;
    }
}
