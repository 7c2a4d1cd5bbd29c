package com.jobladder.client;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;

/**
 * Binds {@link JobScheduler} for applications wired with Guice. The scheduler connects when it
 * is first injected; close it when the application stops.
 */
public final class JobSchedulerModule extends AbstractModule {
    private final JobladderSettings settings;

    /** @param settings from {@link Settings#fromFile} or {@link Settings#defaults()} */
    public JobSchedulerModule(JobladderSettings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    JobScheduler jobScheduler() {
        return JobSchedulerBuilder.fromSettings(settings).build();
    }
}
