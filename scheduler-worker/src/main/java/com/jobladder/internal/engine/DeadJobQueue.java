package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.ConfirmedPublisher;
import com.jobladder.internal.amqp.Envelope;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.amqp.SafeText;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.AMQP;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Copies deliveries into the dead-job queue, the message as it arrived plus the reason in a header. */
record DeadJobQueue(ConfirmedPublisher publisher, TopologyNames names) {

    /**
     * The future completes when the broker confirmed the copy, so the original is acked only
     * after: the job is never in neither queue.
     *
     * @param envelope the decoded job, or null for a message that did not decode
     */
    CompletableFuture<Void> copy(Delivery delivery, String type, Envelope envelope, String reason) {
        AMQP.BasicProperties original = delivery.properties();
        Map<String, Object> headers = new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
        headers.put(EnvelopeCodec.DEAD_REASON, SafeText.reason(reason));
        String jobId = envelope != null ? envelope.jobId() : delivery.jobIdOrPoisonId();
        return publisher.publish(
                jobId,
                names.deadExchange(),
                names.workerQueue(type),
                original.builder().headers(headers).build(),
                delivery.body());
    }
}
