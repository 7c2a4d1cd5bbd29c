package com.jobladder.internal.metrics;

import com.jobladder.api.JobAttempt;
import com.jobladder.internal.engine.JobObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-type job meters, fed by {@code WorkerStats}: started, retried, attempts by outcome,
 * lateness and run time. Timers publish histogram buckets, so Prometheus can aggregate
 * percentiles across workers ({@code histogram_quantile}). Meters are looked up once per type and
 * outcome and kept: the execution path pays a map read and an increment.
 */
final class JobMeters implements JobObserver {
    private static final Duration MAX_LATENESS = Duration.ofHours(1);

    private final MeterRegistry registry;
    private final Map<String, Counter> started = new ConcurrentHashMap<>();
    private final Map<String, Counter> retried = new ConcurrentHashMap<>();
    private final Map<String, Timer> lateness = new ConcurrentHashMap<>();
    private final Map<String, Timer> arrivalLateness = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<String, Timer> runTime = new ConcurrentHashMap<>();

    JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void started(String type, Duration late) {
        started.computeIfAbsent(
                        type,
                        t -> Counter.builder("jobladder.job.started")
                                .description("Handlers started")
                                .tag("type", t)
                                .register(registry))
                .increment();
        // Early starts (clock skew) count as on time.
        recordLateness(lateness, "jobladder.job.lateness", "From a job's due time to its handler's start", type, late);
    }

    @Override
    public void arrived(String type, Duration late) {
        // Early arrivals (the ladder's aim: held until due) count as 0, so the percentiles say how
        // often, and by how much, the broker delivered a job after its due time.
        recordLateness(
                arrivalLateness,
                "jobladder.job.arrival.lateness",
                "From a job's due time to its delivery's arrival at the worker; early counts as 0",
                type,
                late);
    }

    /** Into the type's timer {@code name} (made on first use), early as 0: the histogram has no negative buckets. */
    private void recordLateness(
            Map<String, Timer> timers, String name, String description, String type, Duration late) {
        timers.computeIfAbsent(
                        type,
                        t -> Timer.builder(name)
                                .description(description)
                                .tag("type", t)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(MAX_LATENESS)
                                .register(registry))
                .record(late.isNegative() ? Duration.ZERO : late);
    }

    @Override
    public void finished(String type, JobAttempt.Outcome outcome, Duration ran) {
        String tag = outcome.name().toLowerCase(Locale.ROOT);
        attempts.computeIfAbsent(
                        type + '/' + tag,
                        key -> Counter.builder("jobladder.job.attempts")
                                .description("Attempts recorded in the audit store, by outcome")
                                .tag("type", type)
                                .tag("outcome", tag)
                                .register(registry))
                .increment();
        if (outcome == JobAttempt.Outcome.SUCCEEDED
                || outcome == JobAttempt.Outcome.FAILED
                || outcome == JobAttempt.Outcome.DEAD) {
            runTime.computeIfAbsent(
                            type + '/' + tag,
                            key -> Timer.builder("jobladder.job.run")
                                    .description("How long handlers ran, by outcome")
                                    .tag("type", type)
                                    .tag("outcome", tag)
                                    .publishPercentileHistogram()
                                    .minimumExpectedValue(Duration.ofMillis(1))
                                    .maximumExpectedValue(Duration.ofMinutes(10))
                                    .register(registry))
                    .record(ran);
        }
    }

    @Override
    public void retried(String type) {
        retried.computeIfAbsent(
                        type,
                        t -> Counter.builder("jobladder.job.retried")
                                .description("Retries of failed attempts published into the ladder")
                                .tag("type", t)
                                .register(registry))
                .increment();
    }
}
