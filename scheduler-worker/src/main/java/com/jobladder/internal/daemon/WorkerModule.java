package com.jobladder.internal.daemon;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.jobladder.handler.JobHandlers;
import com.jobladder.handler.RecurringJob;
import com.jobladder.handler.RecurringJobs;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CodeSchedule;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

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
        RecurringJobs.binder(binder()); // empty unless RecurringJobs.register adds to it
        bind(WorkerDaemon.class).in(Singleton.class);
    }

    /** The recurring jobs of the handler modules, checked by the file's rules. */
    @Provides
    Set<CodeSchedule> codeSchedules(Set<RecurringJob> jobs) {
        return jobs.stream().map(CodeSchedule::of).collect(Collectors.toUnmodifiableSet());
    }
}
