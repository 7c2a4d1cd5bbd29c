package com.jobladder.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code /health/live} and {@code /health/ready}, JSON, for load balancers and Kubernetes probes.
 * Live: the process answers. Ready: started and not stopping, both broker connections open,
 * every type's consumer registered, and the audit store answering a look-up within
 * {@link Readiness#STORE_TIMEOUT}; otherwise 503 with the reasons.
 */
final class Health {

    private Health() {}

    static Reply live(OpsParts parts) {
        return Reply.json(200, Map.of("status", "UP"));
    }

    static Reply ready(OpsParts parts, Executor lookUps) {
        List<String> reasons = new ArrayList<>();
        if (parts == null) {
            reasons.add("the worker is starting or stopping");
        } else {
            reasons.addAll(Readiness.reasons(parts.daemon(), lookUps));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "UP" : "DOWN");
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons.toArray());
        }
        return Reply.json(reasons.isEmpty() ? 200 : 503, body);
    }
}
