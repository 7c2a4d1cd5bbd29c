package com.jobladder.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.jobladder.config.SchedulerConfig;
import java.time.Clock;

/**
 * Binds the worker daemon; handler modules add to the handler map with {@link JobHandlers} and
 * schedules declared in code with {@link RecurringJobs}.
 */
public final class WorkerModule extends AbstractModule {
    private final SchedulerConfig config;
    private final Clock clock;

    public WorkerModule(SchedulerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(SchedulerConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        JobHandlers.binder(binder());
        RecurringJobs.binder(binder());
        bind(WorkerDaemon.class).in(Singleton.class);
    }
}
