package com.jobladder.client;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.jobladder.api.JobScheduler;
import com.jobladder.internal.config.SchedulerConfig;

/**
 * Binds {@link JobScheduler} for applications wired with Guice. The scheduler connects when it
 * is first injected; close it when the application stops.
 */
public final class JobSchedulerModule extends AbstractModule {
    private final SchedulerConfig config;

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
