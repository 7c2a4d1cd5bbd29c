package com.jobladder.bench;

import com.jobladder.amqp.BrokerConnections;
import com.jobladder.config.SchedulerConfig;
import com.rabbitmq.client.Connection;
import java.time.Duration;

/**
 * The broker's ceiling measured in the schedulers run itself, and what a JobLadder job of a
 * delay range costs it: the ceiling scenario's flat-out run through as many dead-letter hops as
 * such a job makes on average (the broker's enqueue rate is roughly the same whatever the hops,
 * docs/benchmarks.md section 1, but not quite), and {@link EnqueuesPerJob}.
 */
record BrokerCeiling(int hops, double enqueuesPerSecond, double enqueuesPerJob, Duration window, String ladder) {

    static BrokerCeiling measure(SchedulerConfig base, DelayRange range, int messages)
            throws Exception {
        double perJob = EnqueuesPerJob.mean(base.ladder(), range);
        int hops = (int) Math.max(0, Math.round(perJob - 1));
        System.out.printf("-- ceiling for delays %s s: %,d persistent messages flat out through %d dead-letter hops%n",
                range, messages, hops);
        try (Connection connection = BrokerConnections.open(base.broker(), "jobladder-bench-ceiling")) {
            CeilingBenchmark.Run run = new CeilingBenchmark().run(connection, hops, messages, 0);
            return new BrokerCeiling(hops, run.rate() * (hops + 1), perJob, base.ladder().window(), String.format(
                    "radix %d, unit %d ms, levels %d", base.ladder().radix(), base.ladder().unitMillis(),
                    base.ladder().levels()));
        }
    }

    /** The jobs/s the broker could carry if enqueues were all it did. */
    double jobsPerSecond() {
        return enqueuesPerSecond / enqueuesPerJob;
    }

    /** executed/s / (ceiling enqueues/s / enqueues per job): issue #11 asks for at least 0.6. */
    double ratio(double executedPerSecond) {
        return executedPerSecond / jobsPerSecond();
    }

    String describe(DelayRange range) {
        return String.format("ceiling, delays %s s: the broker flat out through %d hops: %,.0f enqueues/s; a JobLadder"
                        + " job makes %.2f enqueues (publish + hops, ladder window W %d ms; %s), so the broker's"
                        + " ceiling is %,.0f jobs/s; \"x ceiling\" = executed/s / that", range, hops, enqueuesPerSecond,
                enqueuesPerJob, window.toMillis(), ladder, jobsPerSecond());
    }
}
