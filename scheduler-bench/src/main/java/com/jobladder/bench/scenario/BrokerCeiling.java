package com.jobladder.bench.scenario;

import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.EnqueuesPerJob;
import com.jobladder.bench.measure.ProcessCpu;
import com.jobladder.internal.amqp.BrokerConnections;
import com.jobladder.internal.config.SchedulerConfig;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The broker's ceiling measured in the schedulers run itself, and what a JobLadder job of a
 * delay range costs it: the ceiling scenario's flat-out run through as many dead-letter hops as
 * such a job makes on average (the broker's enqueue rate is roughly the same whatever the hops,
 * docs/performance.md, "The ceiling", but not quite), and {@link EnqueuesPerJob}. With the broker's
 * own CPU during that run, a scheduler run can be compared per broker core too: on a machine
 * whose cores the broker shares with the JVM and PostgreSQL, that tells the broker's efficiency
 * apart from its share of the machine.
 *
 * @param brokerCores cores the broker node used flat out, -1 when the run has no node of its own
 */
record BrokerCeiling(
        int hops, double enqueuesPerSecond, double enqueuesPerJob, Duration window, String ladder, double brokerCores) {

    /** @param brokerPid the broker node's OS process, when the run has a node of its own */
    static BrokerCeiling measure(SchedulerConfig base, DelayRange range, int messages, OptionalLong brokerPid)
            throws Exception {
        double perJob = EnqueuesPerJob.mean(base.ladder(), range);
        int hops = (int) Math.max(0, Math.round(perJob - 1));
        System.out.printf(
                "-- ceiling for delays %s s: %,d persistent messages flat out through %d dead-letter hops%n",
                range, messages, hops);
        try (Connection connection = BrokerConnections.open(base.broker(), "jobladder-bench-ceiling")) {
            long cpuBefore = brokerCpu(brokerPid);
            long start = System.nanoTime();
            CeilingBenchmark.Run run = new CeilingBenchmark().run(connection, hops, messages, 0);
            long cpuAfter = brokerCpu(brokerPid);
            double cores =
                    cpuBefore < 0 || cpuAfter < 0 ? -1 : (double) (cpuAfter - cpuBefore) / (System.nanoTime() - start);
            return new BrokerCeiling(
                    hops,
                    run.rate() * (hops + 1),
                    perJob,
                    base.ladder().window(),
                    String.format(
                            "radix %d, unit %d ms, levels %d",
                            base.ladder().radix(),
                            base.ladder().unitMillis(),
                            base.ladder().levels()),
                    cores);
        }
    }

    private static long brokerCpu(OptionalLong pid) {
        return pid.isPresent() ? ProcessCpu.ofPid(pid.getAsLong()) : -1;
    }

    /** The jobs/s the broker could carry if enqueues were all it did. */
    double jobsPerSecond() {
        return enqueuesPerSecond / enqueuesPerJob;
    }

    /** executed/s / (ceiling enqueues/s / enqueues per job): the share of the broker's flat-out rate a scheduler reaches. */
    double ratio(double executedPerSecond) {
        return executedPerSecond / jobsPerSecond();
    }

    /**
     * {@link #ratio} per broker core: executed/s per core the broker used in the run, over the
     * ceiling's jobs/s per core it used flat out; -1 when either was not measured.
     */
    double ratioPerBrokerCore(double executedPerSecond, double brokerCoresInRun) {
        if (brokerCores <= 0 || brokerCoresInRun <= 0) {
            return -1;
        }
        return (executedPerSecond / brokerCoresInRun) / (jobsPerSecond() / brokerCores);
    }

    String describe(DelayRange range) {
        return String.format(
                "ceiling, delays %s s: the broker flat out through %d hops: %,.0f enqueues/s; a JobLadder"
                        + " job makes %.2f enqueues (publish + hops, ladder window W %d ms; %s), so the broker's"
                        + " ceiling is %,.0f jobs/s; \"x ceiling\" = executed/s / that%s",
                range,
                hops,
                enqueuesPerSecond,
                enqueuesPerJob,
                window.toMillis(),
                ladder,
                jobsPerSecond(),
                brokerCores < 0 ? "" : String.format("; flat out the broker used %.2f cores", brokerCores));
    }
}
