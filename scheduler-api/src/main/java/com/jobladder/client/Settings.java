package com.jobladder.client;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.config.ConfigLoader;
import java.nio.file.Path;

/**
 * Reads {@link JobladderSettings}: from a {@code scheduler.conf}, or the defaults alone. Either way
 * the {@code JOBLADDER_*} environment variables win (docs/configuration.md).
 */
public final class Settings {
    private Settings() {}

    /**
     * Reads a {@code scheduler.conf}. A key the file leaves out takes its default.
     *
     * @param schedulerConf the file, for example {@code conf/scheduler.conf}
     * @return the settings
     * @throws com.jobladder.api.JobladderException naming the file, line, key and what is expected,
     *         when the file is missing, malformed or holds a wrong setting
     */
    public static JobladderSettings fromFile(Path schedulerConf) {
        return ConfigLoader.load(InvalidRequestException.requireNonNull(schedulerConf, "scheduler.conf path"));
    }

    /**
     * The defaults, with the environment's overrides: for applications that keep no file.
     *
     * @return the settings
     * @throws com.jobladder.api.JobladderException naming the variable, when an override is wrong
     */
    public static JobladderSettings defaults() {
        return ConfigLoader.defaults(System.getenv());
    }
}
