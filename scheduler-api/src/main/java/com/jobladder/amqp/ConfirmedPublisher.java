package com.jobladder.amqp;

import com.jobladder.api.ScheduleFailedException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes with {@code mandatory=true} over a small pool of confirm-mode channels. Each
 * publish returns a future that completes on the broker's ack and fails on a nack, a return, a
 * lost channel, a blocked connection or the confirm timeout: never a silent loss, never a hang.
 */
public final class ConfirmedPublisher implements AutoCloseable {
    private final ConfirmChannel[] channels;
    private final AtomicInteger next = new AtomicInteger();
    private final Duration confirmTimeout;
    private final ScheduledExecutorService timer;
    private volatile String blockedReason;

    public ConfirmedPublisher(Connection connection, int channelCount, Duration confirmTimeout,
                              ScheduledExecutorService timer) {
        this.channels = new ConfirmChannel[channelCount];
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new ConfirmChannel(connection);
        }
        this.confirmTimeout = confirmTimeout;
        this.timer = timer;
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReason = reason;
            }

            @Override
            public void handleUnblocked() {
                blockedReason = null;
            }
        });
    }

    public CompletableFuture<Void> publish(String jobId, String exchange, String routingKey,
                                           AMQP.BasicProperties properties, byte[] body) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        String blocked = blockedReason;
        if (blocked != null) {
            future.completeExceptionally(new ScheduleFailedException(jobId, "the broker is refusing publishes ("
                    + blocked + "): a memory or disk alarm is raised; retry once it clears"));
            return future;
        }
        var timeout = timer.schedule(() -> future.completeExceptionally(new ScheduleFailedException(jobId,
                "no confirm from the broker within " + confirmTimeout.toMillis()
                        + " ms (jobladder.broker.confirm-timeout); the outcome is unknown, scheduling again with the"
                        + " same job id is safe")), confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((ignored, error) -> timeout.cancel(false));
        ConfirmChannel channel = channels[Math.floorMod(next.getAndIncrement(), channels.length)];
        try {
            channel.publish(exchange, routingKey, properties, body, new ConfirmChannel.Pending(jobId, future));
        } catch (IOException | RuntimeException e) {
            future.completeExceptionally(new ScheduleFailedException(jobId,
                    "cannot open a channel to the broker: " + e.getMessage(), e));
        }
        return future;
    }

    @Override
    public void close() {
        for (ConfirmChannel channel : channels) {
            channel.close();
        }
    }
}
