package com.jobladder.internal.clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** The clock check's gauges (docs/metrics.md), in seconds, read from its status at each scrape. */
final class ClockGauges {
    private ClockGauges() {}

    static void bind(MeterRegistry registry, Supplier<ClockStatus> status) {
        gauge(
                registry,
                status,
                "jobladder.clock.offset",
                "How far the audit database's clock is ahead of this worker's",
                s -> s.measured() == null ? Double.NaN : seconds(s.measured().offset()));
        gauge(
                registry,
                status,
                "jobladder.clock.offset.bound",
                "The offset's error bound, either way",
                s -> s.measured() == null ? Double.NaN : seconds(s.measured().bound()));
        gauge(
                registry,
                status,
                "jobladder.clock.correction",
                "What this worker adds to its clock now",
                s -> seconds(s.correction()));
    }

    private static void gauge(
            MeterRegistry registry,
            Supplier<ClockStatus> status,
            String name,
            String description,
            ToDoubleFunction<ClockStatus> value) {
        Gauge.builder(name, () -> value.applyAsDouble(status.get()))
                .description(description)
                .baseUnit("seconds")
                .register(registry);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
