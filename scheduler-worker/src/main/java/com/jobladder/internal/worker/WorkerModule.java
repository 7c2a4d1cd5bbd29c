package com.jobladder.internal.worker;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.worker.JobHandlers;
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
        Multibinder.newSetBinder(binder(), CodeSchedule.class);  // empty unless RecurringJobs.register adds to it
        bind(WorkerDaemon.class).in(Singleton.class);
    }
}
