package com.jobladder.internal.engine;

import com.jobladder.internal.audit.ExecutionStore;
import com.jobladder.internal.concurrent.Backoff;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit store as an execution calls it: waiting out an outage, the job unacked meanwhile. */
final class PatientStore {
    private static final Logger log = LoggerFactory.getLogger(PatientStore.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ExecutionStore store;
    private final BooleanSupplier running;
    private final String workerId;

    PatientStore(ExecutionStore store, BooleanSupplier running, String workerId) {
        this.store = store;
        this.running = running;
        this.workerId = workerId;
    }

    /** Calls the store until it answers, backing off while it is unavailable; null when the worker stops first. */
    <T> T await(String what, Function<ExecutionStore, T> call) {
        Duration backoff = FIRST_BACKOFF;
        while (running.getAsBoolean()) {
            try {
                return call.apply(store);
            } catch (AuditUnavailableException e) {
                log.warn(
                        "Worker {}: audit store unavailable, cannot {} ({}); the job stays unacked, retrying in {} ms",
                        workerId,
                        what,
                        e.getMessage(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                backoff = Backoff.doubled(backoff, 1, MAX_BACKOFF);
            }
        }
        return null;
    }
}
