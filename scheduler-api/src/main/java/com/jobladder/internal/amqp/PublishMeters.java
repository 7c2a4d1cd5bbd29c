package com.jobladder.internal.amqp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long publishes wait for the broker's confirm, and how many wait now: the client's and the
 * worker's publisher alike. Only code that was given a {@link MeterRegistry} loads this class, so
 * an application without Micrometer on its classpath never needs it.
 */
public final class PublishMeters {
    private PublishMeters() {}

    /** @param component {@code client} or {@code worker}: a demo runs both against one registry */
    public static void bind(MeterRegistry registry, ConfirmedPublisher publisher, String component) {
        Timer confirmed = confirmTimer(registry, component, "confirmed");
        Timer failed = confirmTimer(registry, component, "failed");
        publisher.observe((nanos, ok) -> (ok ? confirmed : failed).record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder("jobladder.publish.in.flight", publisher, ConfirmedPublisher::inFlight)
                .description("Publishes sent and awaiting the broker's confirm")
                .tag("component", component)
                .register(registry);
    }

    private static Timer confirmTimer(MeterRegistry registry, String component, String outcome) {
        return Timer.builder("jobladder.publish.confirm")
                .description("From publish to the broker's confirm (or its nack, return or timeout)")
                .tag("component", component)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
