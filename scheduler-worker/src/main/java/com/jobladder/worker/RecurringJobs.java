package com.jobladder.worker;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.internal.cron.CodeSchedule;

/**
 * Declares cron schedules in code from a Guice module, beside {@code conf/schedules.conf}:
 * <pre>{@code
 * protected void configure() {
 *     JobHandlers.register(binder(), REPORT, ReportHandler.class);
 *     RecurringJobs.register(binder(), RecurringJob.cron("nightly-report", "0 2 * * *")
 *             .zone("Europe/Berlin").job(REPORT, "nightly"));
 * }
 * }</pre>
 * Without Guice, {@link Worker.Builder#recurring} takes the same schedules. Registering the same
 * {@code RecurringJob} twice from one place counts once; two schedules of the same name, here or
 * in the file, stop the worker's start.
 */
public final class RecurringJobs {
    private RecurringJobs() {
    }

    /** Two registrations of the same schedule at the same place are one; of the same name at two, an error at start. */
    private static Multibinder<CodeSchedule> binder(Binder binder) {
        return Multibinder.newSetBinder(binder, CodeSchedule.class).permitDuplicates();
    }

    /**
     * Fires {@code job} on its cron schedule, as a schedule of {@code conf/schedules.conf} is fired.
     * It is checked now, by the file's rules.
     *
     * @param binder the module's binder
     * @param job    the schedule and the job it fires
     * @throws com.jobladder.api.InvalidRequestException naming the schedule, where it was declared and every
     *                                                   setting that breaks a rule, in the file's words
     */
    public static void register(Binder binder, RecurringJob job) {
        binder(binder).addBinding().toInstance(InvalidRequestException.requireNonNull(job, "recurring job").build());
    }
}
