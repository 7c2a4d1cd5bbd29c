package com.jobladder.internal.relay;

import com.jobladder.handler.JobContext;
import com.jobladder.internal.config.DelayedExchange;
import com.jobladder.internal.engine.AsyncJobHandler;
import com.jobladder.internal.engine.PermanentJobFailure;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The handler of one delayed exchange's job type: at the job's due instant it publishes the
 * message the job carries to the target exchange, and its future completes once the broker
 * confirmed it, so the engine acks the job only after the confirm. It does not wait: the next
 * message due is published while the broker confirms this one, on the same channel, so messages
 * leave in the order they fell due. A message that can never be delivered (returned unroutable,
 * no such exchange, a malformed {@code x-delay}) ends dead with the reason; a nack or a missing
 * confirm fails the attempt, and the engine retries it with back-off.
 */
final class RelayHandler implements AsyncJobHandler {
    private final DelayedExchange exchange;
    private final TargetChannel target;
    private final RelayMeters meters;

    RelayHandler(DelayedExchange exchange, TargetChannel target, RelayMeters meters) {
        this.exchange = exchange;
        this.target = target;
        this.meters = meters;
    }

    @Override
    public CompletableFuture<Void> start(JobContext job) {
        RelayedMessage message;
        try {
            message = RelayedMessage.decode(job.payload());
        } catch (IOException | RuntimeException e) {
            meters.dead(exchange.name(), exchange.target(), "malformed");
            return CompletableFuture.failedFuture(new PermanentJobFailure("relay job " + job.jobId()
                    + " of delayed exchange " + exchange.name() + " does not carry a message the relay can read: "
                    + e.getMessage()));
        }
        if (message.refusal() != null) {
            meters.dead(exchange.name(), message.target(), "malformed");
            return CompletableFuture.failedFuture(new PermanentJobFailure("published to delayed exchange "
                    + exchange.name() + " for target exchange " + message.target() + ", but " + message.refusal()));
        }
        return target.publish(message.target(), message.routingKey(), message.properties(), message.body())
                .handle((ignored, failure) -> {
                    if (failure == null) {
                        meters.relayed(exchange.name(), message.target());
                        return null;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof PermanentJobFailure) {
                        meters.dead(exchange.name(), message.target(), "undeliverable");
                        throw new PermanentJobFailure("from delayed exchange " + exchange.name()
                                + " with routing key \"" + message.routingKey() + "\": " + cause.getMessage());
                    }
                    throw new CompletionException(cause);
                });
    }
}
