package com.jobladder.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time sampled along a run, so that CPU can be reported over a window that is only known
 * once the run has ended (the steady window ends at the last submission + the shortest delay):
 * this process's, the broker node's (when the run has its own node), PostgreSQL's and the whole
 * machine's.
 */
public final class CpuTrace {
    private static final int JVM = 0;
    private static final int BROKER = 1;
    private static final int POSTGRES = 2;
    private static final int MACHINE = 3;

    /** Cores used on average over a window by each; negative where it could not be read. */
    public record Cores(double jvm, double broker, double postgres, double machine) {
        /** What the system under test costs: its JVM and the servers it uses (one that was not read counts 0). */
        public double ownFootprint() {
            return Math.max(0, jvm) + Math.max(0, broker) + Math.max(0, postgres);
        }
    }

    private final OptionalLong brokerPid;
    private final List<long[]> samples = new ArrayList<>();

    /** @param brokerPid the broker node's OS process, when the run has a node of its own */
    public CpuTrace(OptionalLong brokerPid) {
        this.brokerPid = brokerPid;
    }

    /** Takes a sample now. */
    public void sample() {
        long[] cpu = {
            Probe.processCpuNanos(),
            brokerPid.isPresent() ? ProcessCpu.ofPid(brokerPid.getAsLong()) : -1,
            ProcessCpu.ofPostgres(),
            ProcessCpu.ofMachine()
        };
        record(System.currentTimeMillis(), cpu);
    }

    /** A sample of CPU nanos in the order JVM, broker, PostgreSQL, machine (-1 where not read). */
    synchronized void record(long wallMillis, long... cpuNanos) {
        long[] sample = new long[cpuNanos.length + 1];
        sample[0] = wallMillis;
        System.arraycopy(cpuNanos, 0, sample, 1, cpuNanos.length);
        samples.add(sample);
    }

    /** Cores used on average from {@code from} to {@code to} (epoch ms), interpolating between samples. */
    synchronized Cores coresBetween(long from, long to) {
        return new Cores(
                cores(JVM, from, to), cores(BROKER, from, to), cores(POSTGRES, from, to), cores(MACHINE, from, to));
    }

    private double cores(int source, long from, long to) {
        if (samples.size() < 2 || to <= from || samples.get(0)[source + 1] < 0) {
            return -1;
        }
        return (cpuAt(source, to) - cpuAt(source, from)) / 1e6 / (to - from);
    }

    private double cpuAt(int source, long millis) {
        int column = source + 1;
        long[] before = samples.get(0);
        for (long[] s : samples) {
            if (s[0] > millis) {
                return before[0] >= s[0]
                        ? s[column]
                        : before[column]
                                + (double) (s[column] - before[column]) * (millis - before[0]) / (s[0] - before[0]);
            }
            before = s;
        }
        return before[column];
    }
}
