package com.jobladder.bench.contender;

import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A system name with settings of its own, {@code jobladder-async@ladder.window=1024ms+worker.prefetch=200}:
 * the run's scheduler.conf with {@code jobladder.<key> = <value>} added for each, on the run's
 * broker. It lets one run compare a lever on and off at the same rate.
 */
record SettingsVariant(String system, String overrides) {
    private static final char SEPARATOR = '@';

    static SettingsVariant parse(String name) {
        int at = name.indexOf(SEPARATOR);
        return at < 0
                ? new SettingsVariant(name, "")
                : new SettingsVariant(name.substring(0, at), name.substring(at + 1));
    }

    /** {@code base} itself without overrides; otherwise the conf file read again with them, on base's broker. */
    SchedulerConfig apply(SchedulerConfig base, BenchOptions options) {
        if (overrides.isEmpty()) {
            return base;
        }
        StringBuilder hocon = new StringBuilder();
        try {
            hocon.append(Files.readString(options.conf)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + options.conf + ": " + e.getMessage(), e);
        }
        for (String setting : overrides.split("\\+")) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting " + setting + " of system " + system
                        + SEPARATOR + overrides + ": expected key=value, keys as in reference.conf without"
                        + " 'jobladder.' (ladder.window=1024ms), several joined by '+'");
            }
            hocon.append("jobladder.")
                    .append(setting, 0, eq)
                    .append(" = ")
                    .append(setting.substring(eq + 1))
                    .append('\n');
        }
        SchedulerConfig loaded = ConfigLoader.fromString(hocon.toString(), System.getenv());
        return BenchOptions.patient(loaded.withBroker(loaded.broker()
                .withUri(base.broker().uri())
                .withAddresses(base.broker().addresses())));
    }
}
