package com.jobladder.config;

import java.time.Duration;
import java.util.List;

/**
 * How a worker daemon consumes and runs jobs.
 *
 * @param handlerModules class names of Guice modules that register handlers
 * @param handBack       how deliveries that could not be settled are given back
 */
public record WorkerSettings(String id, int prefetch, Duration shutdownGrace, int maxPayloadBytes,
                             List<String> handlerModules, HandBackSettings handBack) {
    public WorkerSettings {
        handlerModules = List.copyOf(handlerModules);
    }
}
