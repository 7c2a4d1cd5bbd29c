package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.BundleCodec;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message that carried several jobs. Each job is a {@link Delivery} of its own, run and settled
 * on its own; the message is acked once every job in it is settled. A job handed back goes back
 * alone, as a copy at the tail of its worker queue, confirmed before it counts as settled: it
 * neither waits for the bundle's other jobs nor brings them back with it.
 */
final class Bundle {
    private static final Logger log = LoggerFactory.getLogger(Bundle.class);

    private final Delivery message;
    private final String type;
    private final WorkerQueueCopy copies;
    private final AtomicInteger unsettled;
    /** Set when a job's copy failed: the whole message then goes back, and the success check skips what ran. */
    private volatile boolean requeue;

    Bundle(Delivery message, String type, WorkerQueueCopy copies, int jobs) {
        // Its jobs hold their own payloads: the body is not kept twice while they wait for their due time.
        this.message = new Delivery(message.channel(), message.tag(), message.properties(), new byte[0], false);
        this.type = type;
        this.copies = copies;
        this.unsettled = new AtomicInteger(jobs);
    }

    /** One job of this bundle as a delivery that this bundle settles. */
    Delivery job(BundleCodec.Job job) {
        return new Delivery(message.channel(), message.tag(), job.properties(), job.body(), false, this);
    }

    /** A job is done with (acked): its part of the message needs nothing more. */
    void settled() {
        if (unsettled.decrementAndGet() == 0) {
            if (requeue) {
                message.requeue();
            } else {
                message.ack();
            }
        }
    }

    /** A job goes back to the queue: alone, as a copy, unless the broker took the whole message back already. */
    void handedBack(Delivery job) {
        if (!message.channel().isOpen()) {
            return;
        }
        copies.copy(job, type, job.jobIdOrPoisonId()).whenComplete((copied, failure) -> {
            if (failure != null) {
                log.warn(
                        "Job {} of a bundle of type {} could not be put back alone ({}); the whole bundle goes back to"
                                + " the queue once its other jobs are settled",
                        job.properties().getMessageId(),
                        type,
                        Settlement.describe(failure));
                requeue = true;
            }
            settled();
        });
    }
}
