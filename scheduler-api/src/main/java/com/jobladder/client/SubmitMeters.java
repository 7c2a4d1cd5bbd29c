package com.jobladder.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Jobs scheduled through the client, by type and by whether the broker confirmed them. */
final class SubmitMeters {
    private final MeterRegistry registry;
    private final Map<String, Counter> confirmed = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    SubmitMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void submitted(String type, boolean ok) {
        (ok ? confirmed : refused)
                .computeIfAbsent(
                        type,
                        t -> Counter.builder("jobladder.job.scheduled")
                                .description("Jobs submitted to the broker, by whether it confirmed them")
                                .tag("type", t)
                                .tag("outcome", ok ? "confirmed" : "refused")
                                .register(registry))
                .increment();
    }
}
