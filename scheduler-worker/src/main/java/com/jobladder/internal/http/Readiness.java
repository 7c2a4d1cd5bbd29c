package com.jobladder.internal.http;

import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.ExecutionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a running worker can take jobs: both broker connections open, every type's consumer
 * registered, and the audit store answering a look-up within {@link #STORE_TIMEOUT}. The daemon's
 * {@code /health/ready} and an embedding application's health check ask the same question here.
 */
public final class Readiness {
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);
    /** A job id no job has: the look-up is one indexed read, whatever the size of the audit log. */
    private static final String PROBE_ID = "jobladder-health-probe";

    private Readiness() {}

    /**
     * Why the daemon cannot take jobs now, empty when it can.
     *
     * @param daemon  the worker daemon
     * @param lookUps where the audit store's look-up runs, so that a hung database cannot hang the caller
     */
    public static List<String> reasons(DaemonView daemon, Executor lookUps) {
        List<String> reasons = new ArrayList<>(daemon.notReady());
        if (reasons.isEmpty()) {
            String store = storeProblem(daemon.store(), lookUps);
            if (store != null) {
                reasons.add(store);
            }
        }
        return reasons;
    }

    /** Null when the store answered in time. */
    private static String storeProblem(AuditStore store, Executor lookUps) {
        if (store == null) {
            return "the audit store is not open";
        }
        CompletableFuture<ExecutionStore.Precheck> lookUp =
                CompletableFuture.supplyAsync(() -> store.precheck(PROBE_ID), lookUps);
        try {
            lookUp.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "the audit store did not answer within " + STORE_TIMEOUT.toMillis() + " ms";
        } catch (ExecutionException e) {
            return "the audit store is not answering: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the audit store";
        }
    }
}
