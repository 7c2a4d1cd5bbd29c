package com.jobladder.internal.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code jobladder.relay.messages}: messages relayed, by delayed exchange, target exchange and
 * outcome ({@code relayed}, or {@code dead} with the reason's kind).
 */
final class RelayMeters {
    private final MeterRegistry registry;

    RelayMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void relayed(String exchange, String target) {
        counter(exchange, target, "relayed", "none").increment();
    }

    /** @param reason a short kind: {@code undeliverable} (returned, no such exchange), {@code malformed} */
    void dead(String exchange, String target, String reason) {
        counter(exchange, target, "dead", reason).increment();
    }

    private Counter counter(String exchange, String target, String outcome, String reason) {
        return Counter.builder("jobladder.relay.messages")
                .description("Messages published with x-delay to a delayed exchange, by what became of them")
                .tag("exchange", exchange)
                .tag("target", target)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
