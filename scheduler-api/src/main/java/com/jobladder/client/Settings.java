package com.jobladder.client;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobladderSettings;
import com.jobladder.internal.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

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
     * Reads settings held as keys and values, as a framework's configuration holds them (the Spring Boot
     * starter reads the application's {@code jobladder.*} properties this way). A key is a path of
     * {@code scheduler.conf}, such as {@code jobladder.broker.confirm-timeout}; a value is text in the
     * file's syntax ({@code 10s}, {@code true}, {@code 4}) or a list of text. A key left out takes its
     * default; the {@code JOBLADDER_*} environment variables win, as over a file.
     *
     * @param settings the keys and values
     * @param source   where they come from, for messages, for example {@code application.yml}
     * @return the settings
     * @throws com.jobladder.api.JobladderException naming the source, key and what is expected, when a key is
     *         unknown or a value wrong
     */
    public static JobladderSettings fromMap(Map<String, ?> settings, String source) {
        return ConfigLoader.fromMap(
                InvalidRequestException.requireNonNull(source, "source of the settings"),
                Map.copyOf(InvalidRequestException.requireNonNull(settings, "settings")),
                System.getenv());
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
