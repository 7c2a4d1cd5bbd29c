package com.jobladder.bench.contender;

import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.internal.config.SchedulerConfig;

/** The systems a scenario can compare, by the names its {@code --systems} option takes. */
public final class Contenders {
    public static final String NAMES = "jobladder, jobladder-async, quartz or db-scheduler; a JobLadder system may"
            + " carry settings of its own: jobladder-async@ladder.window=1024ms+worker.prefetch=200";

    private Contenders() {}

    public static Contender create(
            String system, SchedulerConfig base, BenchDatabase db, BenchOptions options, Probe probe) {
        SettingsVariant variant = SettingsVariant.parse(system);
        return switch (variant.system()) {
            case "jobladder" -> new JobLadderContender(system, variant.apply(base, options), db, options, probe, false);
            case "jobladder-async" ->
                new JobLadderContender(system, variant.apply(base, options), db, options, probe, true);
            case "quartz" -> plain(variant, new QuartzContender(db, probe));
            case "db-scheduler" -> plain(variant, new DbSchedulerContender(db, probe));
            default -> throw new IllegalArgumentException("unknown system " + system + ": expected " + NAMES);
        };
    }

    private static Contender plain(SettingsVariant variant, Contender contender) {
        if (!variant.overrides().isEmpty()) {
            throw new IllegalArgumentException(
                    "settings after '@' are JobLadder's: " + variant.system() + " takes none");
        }
        return contender;
    }
}
