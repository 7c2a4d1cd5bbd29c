package com.jobladder.client;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.config.SchedulerConfig;

/**
 * Binds {@link JobScheduler} as a singleton for applications wired with Guice:
 * {@code Guice.createInjector(new JobSchedulerModule(ConfigLoader.load(path)))}. The scheduler
 * connects when it is first injected; close it when the application stops. Guice is an optional
 * dependency of this library: only an application that uses this module needs it.
 */
public final class JobSchedulerModule extends AbstractModule {
    private final SchedulerConfig config;

    /**
     * A module that builds the scheduler from {@code config}, as {@link JobSchedulerBuilder#fromConfig} does.
     *
     * @param config the settings, for instance from {@code ConfigLoader.load(path)}
     */
    public JobSchedulerModule(SchedulerConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(SchedulerConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    JobScheduler jobScheduler(SchedulerConfig schedulerConfig) {
        return JobSchedulerBuilder.fromConfig(schedulerConfig).build();
    }
}
