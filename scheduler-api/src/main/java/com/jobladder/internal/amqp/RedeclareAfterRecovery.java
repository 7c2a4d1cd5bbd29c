package com.jobladder.internal.amqp;

import com.jobladder.internal.concurrent.Backoff;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every automatic recovery of a session's connection, declares the session's topology again
 * from its own record ({@link DeclaringChannel#declareAgain()}) instead of trusting amqp-client's
 * recorded topology alone, which holds only what is still open and not deleted through the
 * connection. The callback comes on amqp-client's recovery thread and only hands the work to the
 * session's own thread: declaring blocks on the broker's replies. A failure is retried with
 * back-off until it succeeds or the connection drops again (its next recovery starts over). From
 * the start of a recovery until the declarations succeed, the session's publisher refuses publishes
 * ({@link ConfirmedPublisher#holdForTopology}).
 */
final class RedeclareAfterRecovery implements RecoveryListener {
    private static final Logger log = LoggerFactory.getLogger(RedeclareAfterRecovery.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Connection connection;
    private final DeclaringChannel declaring;
    private final ConfirmedPublisher publisher;
    private final ScheduledExecutorService thread;
    /**
     * Counts recoveries started: a chain of retries stops once a later recovery has started, and
     * only the latest may let publishes through again.
     */
    private final AtomicLong recoveries = new AtomicLong();

    private RedeclareAfterRecovery(
            Connection connection,
            DeclaringChannel declaring,
            ConfirmedPublisher publisher,
            ScheduledExecutorService thread) {
        this.connection = connection;
        this.declaring = declaring;
        this.publisher = publisher;
        this.thread = thread;
    }

    /** Registers on {@code connection}, which BrokerConnections opens with automatic recovery. */
    static void register(
            Connection connection,
            DeclaringChannel declaring,
            ConfirmedPublisher publisher,
            ScheduledExecutorService thread) {
        ((Recoverable) connection)
                .addRecoveryListener(new RedeclareAfterRecovery(connection, declaring, publisher, thread));
    }

    @Override
    public void handleRecovery(Recoverable recovered) {
        schedule(recoveries.get(), 1, Duration.ZERO);
    }

    @Override
    public synchronized void handleRecoveryStarted(Recoverable recovering) {
        recoveries.incrementAndGet();
        publisher.holdForTopology();
    }

    /** Short and never blocking: amqp-client's recovery thread may wait for this lock in the method above. */
    private synchronized void declared(long recovery) {
        if (recovery == recoveries.get()) {
            publisher.topologyDeclared();
        }
    }

    private void schedule(long recovery, int tries, Duration wait) {
        try {
            thread.schedule(() -> declareAgain(recovery, tries), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // The session is closing: nothing left to declare for.
        }
    }

    private void declareAgain(long recovery, int tries) {
        if (recovery != recoveries.get()) {
            return;
        }
        try {
            declaring.declareAgain();
            declared(recovery);
            log.info(
                    "Connection {} recovered: its ladder, delivery exchange and worker queues are declared again",
                    connection.getClientProvidedName());
        } catch (IOException | RuntimeException e) {
            if (thread.isShutdown()) {
                return; // the session closed under it
            }
            if (!connection.isOpen()) {
                log.warn(
                        "Connection {} recovered but dropped again while its topology was declared again ({});"
                                + " its next recovery declares it again",
                        connection.getClientProvidedName(),
                        BrokerSession.brokerReason(e));
                return;
            }
            Duration wait = Backoff.doubled(FIRST_RETRY, tries - 1, MAX_RETRY);
            log.warn(
                    "Connection {} recovered but declaring its topology again failed ({}): until it succeeds, jobs"
                            + " published through it are refused (retryable); trying again in {} ms",
                    connection.getClientProvidedName(),
                    BrokerSession.brokerReason(e),
                    wait.toMillis());
            schedule(recovery, tries + 1, wait);
        }
    }
}
