package com.jobladder.internal.config;

import java.time.Duration;
import java.util.List;

/**
 * How a worker daemon consumes and runs jobs.
 *
 * @param handlerModules class names of Guice modules that register handlers
 * @param holdMargin     how much earlier than the ladder's window + lead a delivery may arrive and
 *                       still be held rather than sent back into the ladder
 * @param holdLookAhead  how long before its due time a held job's audit look-up is made
 * @param handBack       how deliveries that could not be settled are given back
 * @param ladderWatch    the watch for ladder queues whose expired jobs the broker does not pass on
 */
public record WorkerSettings(
        String id,
        int prefetch,
        Duration shutdownGrace,
        int maxPayloadBytes,
        List<String> handlerModules,
        Duration holdMargin,
        Duration holdLookAhead,
        HandBackSettings handBack,
        LadderWatchSettings ladderWatch) {
    public WorkerSettings {
        handlerModules = List.copyOf(handlerModules);
    }
}
