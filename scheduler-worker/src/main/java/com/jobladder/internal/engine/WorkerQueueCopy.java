package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.ConfirmedPublisher;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a delivery back at the tail of its worker queue as a fresh message, so that giving it back
 * spends none of its delivery attempts: a requeue counts against the queue's {@code x-delivery-limit}
 * on a quorum queue, as a crash would. For held jobs a stopping worker gives back.
 */
record WorkerQueueCopy(ConfirmedPublisher publisher, TopologyNames names) {
    /** Completes when the broker confirmed the copy: only then may the original be acked. */
    CompletableFuture<Void> copy(Delivery delivery, String type, String jobId) {
        return copy(delivery.properties(), delivery.body(), type, jobId);
    }

    /** As {@link #copy(Delivery, String, String)}, for a message given by its parts (a job of a bundle). */
    CompletableFuture<Void> copy(AMQP.BasicProperties original, byte[] body, String type, String jobId) {
        var properties = original;
        if (original.getHeaders() != null && original.getHeaders().containsKey(HandBacks.DELIVERY_COUNT)) {
            Map<String, Object> headers = new HashMap<>(original.getHeaders());
            headers.remove(HandBacks.DELIVERY_COUNT);
            properties = original.builder().headers(headers).build();
        }
        return publisher.publish(jobId, "", names.workerQueue(type), properties, body);
    }
}
