package com.jobladder.internal.http;

import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.ExecutionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /health/live} and {@code /health/ready}, JSON, for load balancers and Kubernetes probes.
 * Live: the process answers. Ready: started and not stopping, both broker connections open,
 * every type's consumer registered, and the audit store answering a look-up within
 * {@link #STORE_TIMEOUT}; otherwise 503 with the reasons.
 */
final class Health {
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);
    /** A job id no job has: the look-up is one indexed read, whatever the size of the audit log. */
    private static final String PROBE_ID = "jobladder-health-probe";

    private Health() {}

    static Reply live(OpsParts parts) {
        return Reply.json(200, Map.of("status", "UP"));
    }

    static Reply ready(OpsParts parts, Executor lookUps) {
        List<String> reasons = new ArrayList<>();
        if (parts == null) {
            reasons.add("the worker is starting or stopping");
        } else {
            reasons.addAll(parts.daemon().notReady());
            if (reasons.isEmpty()) {
                String store = storeProblem(parts.daemon().store(), lookUps);
                if (store != null) {
                    reasons.add(store);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "UP" : "DOWN");
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons.toArray());
        }
        return Reply.json(reasons.isEmpty() ? 200 : 503, body);
    }

    /** Null when the store answered in time; the look-up runs apart so a hung database cannot hang the probe. */
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
