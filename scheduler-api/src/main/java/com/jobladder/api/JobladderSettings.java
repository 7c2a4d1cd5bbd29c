package com.jobladder.api;

/**
 * The settings of a client or a worker: {@code scheduler.conf} (HOCON) over the defaults, with
 * the {@code JOBLADDER_*} environment variables winning over both for secrets and addresses
 * (docs/configuration.md). Read them with {@code com.jobladder.client.Settings}; they are checked
 * once, then never change, and one value serves the client's builder, its Guice module and an
 * embedded worker alike.
 */
public interface JobladderSettings {

    /**
     * Where the settings were read from, for messages.
     *
     * @return the file's path, or {@code reference.conf} for the defaults
     */
    String source();
}
