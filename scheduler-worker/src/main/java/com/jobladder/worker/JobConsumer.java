package com.jobladder.worker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/** Hands each delivery of one worker queue to the type's own handler threads. */
final class JobConsumer extends DefaultConsumer {
    private final TypeRuntime runtime;
    private final ExecutorService executor;
    private final HeldJobs held;

    JobConsumer(TypeRuntime runtime, ExecutorService executor, HeldJobs held) {
        super(runtime.channel());
        this.runtime = runtime;
        this.executor = executor;
        this.held = held;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        Delivery delivery = new Delivery(envelope.getDeliveryTag(), properties, body, envelope.isRedeliver());
        try {
            executor.execute(new JobExecution(delivery, runtime, held));
        } catch (RejectedExecutionException stopping) {
            // Shutting down: give the job back so another worker runs it.
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
        }
    }
}
