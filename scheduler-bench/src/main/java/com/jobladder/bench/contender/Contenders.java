package com.jobladder.bench.contender;

import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.internal.config.SchedulerConfig;

/** The systems a scenario can compare, by the names its {@code --systems} option takes. */
public final class Contenders {
    public static final String NAMES = "jobladder, jobladder-async, quartz or db-scheduler";

    private Contenders() {}

    public static Contender create(
            String system, SchedulerConfig base, BenchDatabase db, BenchOptions options, Probe probe) {
        return switch (system) {
            case "jobladder" -> new JobLadderContender(base, db, options, probe, false);
            case "jobladder-async" -> new JobLadderContender(base, db, options, probe, true);
            case "quartz" -> new QuartzContender(db, probe);
            case "db-scheduler" -> new DbSchedulerContender(db, probe);
            default -> throw new IllegalArgumentException("unknown system " + system + ": expected " + NAMES);
        };
    }
}
