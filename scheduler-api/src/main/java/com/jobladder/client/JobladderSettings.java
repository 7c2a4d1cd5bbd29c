package com.jobladder.client;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.internal.config.ConfigLoader;
import java.nio.file.Path;

/**
 * The settings of a client or a worker: {@code scheduler.conf} (HOCON) over the defaults, with
 * the {@code JOBLADDER_*} environment variables winning over both for secrets and addresses
 * (docs/configuration.md). They are read and checked once, then never change; one value serves
 * {@link JobSchedulerBuilder}, {@link JobSchedulerModule} and an embedded worker alike.
 */
public interface JobladderSettings {

    /**
     * Reads a {@code scheduler.conf}. A key the file leaves out takes its default.
     *
     * @throws com.jobladder.api.JobladderException naming the file, line, key and what is expected,
     *         when the file is missing, malformed or holds a wrong setting
     */
    static JobladderSettings fromFile(Path schedulerConf) {
        return ConfigLoader.load(InvalidRequestException.requireNonNull(schedulerConf, "scheduler.conf path"));
    }

    /**
     * The defaults, with the environment's overrides: for applications that keep no file.
     *
     * @throws com.jobladder.api.JobladderException naming the variable, when an override is wrong
     */
    static JobladderSettings defaults() {
        return ConfigLoader.defaults(System.getenv());
    }

    /** Where the settings were read from, for messages: the file's path, or {@code reference.conf} for the defaults. */
    String source();
}
