package com.jobladder.handler;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import com.jobladder.api.InvalidRequestException;

/**
 * Declares cron schedules in code from a Guice module, beside {@code conf/schedules.conf}:
 * <pre>{@code
 * protected void configure() {
 *     JobHandlers.register(binder(), REPORT, ReportHandler.class);
 *     RecurringJobs.register(binder(), RecurringJob.cron("nightly-report", "0 2 * * *")
 *             .zone("Europe/Berlin").job(REPORT, "nightly"));
 * }
 * }</pre>
 * Without Guice, {@code Worker.builder().recurring(...)} takes the same schedules.
 */
public final class RecurringJobs {
    private RecurringJobs() {}

    /**
     * The set of recurring jobs the worker fires. Two registrations of the same schedule at the same
     * place are one; of the same name at two, an error at start.
     *
     * @param binder the module's binder
     * @return the set binder of recurring jobs
     */
    public static Multibinder<RecurringJob> binder(Binder binder) {
        return Multibinder.newSetBinder(binder, RecurringJob.class).permitDuplicates();
    }

    /**
     * Adds a recurring job. The worker checks it by the file's rules when it starts, and refuses to
     * start, in the file's words, when a setting breaks one.
     *
     * @param binder the module's binder
     * @param job    the recurring job
     * @throws com.jobladder.api.InvalidRequestException when {@code job} is null
     */
    public static void register(Binder binder, RecurringJob job) {
        binder(binder).addBinding().toInstance(InvalidRequestException.requireNonNull(job, "recurring job"));
    }
}
