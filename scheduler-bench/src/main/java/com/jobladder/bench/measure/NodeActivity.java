package com.jobladder.bench.measure;

import com.jobladder.testsupport.PrivateBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What a broker node spends its time on over a few seconds, without a profiler or observer:
 * reductions (the Erlang VM's unit of work) by kind of process, named by its initial call
 * ({@code ra_server_proc}: a quorum queue; {@code rabbit_channel}, {@code rabbit_reader}: a
 * client's channel and connection; {@code rabbit_fifo_dlx_worker}: a quorum queue's
 * at-least-once dead-letterer; {@code ra_log_wal}: the quorum queues' shared write-ahead log),
 * and the node's threads' busy time by thread type and by state (microstate accounting, what
 * {@code rabbitmq-diagnostics runtime_thread_stats} prints). Each list gives the largest shares,
 * those of at least 2 %. Reductions per second count the node's work without the time it waited
 * for a core: on a shared machine they compare runs better than CPU time does.
 *
 * @param reductionsPerSecond all the node's processes together, -1 when not measured
 */
public record NodeActivity(String processes, String threads, String states, double reductionsPerSecond) {
    public static final NodeActivity NOT_MEASURED = new NodeActivity("-", "-", "-", -1);
    private static final String SCRIPT = script();

    /** Samples {@code node} for {@code length} starting at {@code atMillis} (epoch), off the caller's thread. */
    public static CompletableFuture<NodeActivity> sampleAt(PrivateBroker node, long atMillis, Duration length) {
        Executor later = CompletableFuture.delayedExecutor(
                Math.max(0, atMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> sample(node, length), later);
    }

    private static NodeActivity sample(PrivateBroker node, Duration length) {
        try {
            String out = node.rabbitmqctl("eval", SCRIPT.replace("SAMPLE_MS", Long.toString(length.toMillis())))
                    .trim();
            String[] parts = out.replaceAll("^(~c)?[\"']|[\"']$", "").split("\\|");
            if (parts.length != 4) {
                throw new IllegalStateException("unexpected node-activity output: " + out);
            }
            return new NodeActivity(
                    parts[0], parts[1], parts[2], Long.parseLong(parts[3]) * 1000.0 / length.toMillis());
        } catch (IOException | RuntimeException e) {
            System.err.println("node activity not sampled: " + e.getMessage());
            return NOT_MEASURED;
        }
    }

    private static String script() {
        try (InputStream in = NodeActivity.class.getResourceAsStream("node-activity.erl")) {
            if (in == null) {
                throw new IllegalStateException("node-activity.erl is missing from the benchmark's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
