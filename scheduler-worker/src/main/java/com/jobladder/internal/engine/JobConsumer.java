package com.jobladder.internal.engine;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/** Hands each delivery of one worker queue to the type's own handler threads. */
final class JobConsumer extends DefaultConsumer {
    private final Function<Delivery, Runnable> executions;
    private final ExecutorService executor;
    private final Runnable cancelledByBroker;

    JobConsumer(
            Channel channel,
            Function<Delivery, Runnable> executions,
            ExecutorService executor,
            Runnable cancelledByBroker) {
        super(channel);
        this.executions = executions;
        this.executor = executor;
        this.cancelledByBroker = cancelledByBroker;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        Delivery delivery =
                new Delivery(getChannel(), envelope.getDeliveryTag(), properties, body, envelope.isRedeliver());
        try {
            executor.execute(executions.apply(delivery));
        } catch (RejectedExecutionException stopping) {
            // Shutting down: give the job back so another worker runs it.
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
        }
    }

    /** basic.cancel from the broker, e.g. when the queue was deleted. */
    @Override
    public void handleCancel(String consumerTag) {
        cancelledByBroker.run();
    }
}
