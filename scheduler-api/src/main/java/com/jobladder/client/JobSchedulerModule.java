package com.jobladder.client;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobladderSettings;

/**
 * Binds {@link JobScheduler} as a singleton for applications wired with Guice:
 * {@code Guice.createInjector(new JobSchedulerModule(Settings.fromFile(path)))}. The scheduler
 * connects when it is first injected; close it when the application stops. Guice is an optional
 * dependency of this library: only an application that uses this module needs it.
 */
public final class JobSchedulerModule extends AbstractModule {
    private final JobladderSettings settings;

    /**
     * A module that builds the scheduler from {@code settings}, as {@link JobSchedulerBuilder#fromSettings} does.
     *
     * @param settings from {@link Settings#fromFile} or {@link Settings#defaults()}
     */
    public JobSchedulerModule(JobladderSettings settings) {
        this.settings = settings;
    }

    @Provides
    @Singleton
    JobScheduler jobScheduler() {
        return JobSchedulerBuilder.fromSettings(settings).build();
    }
}
