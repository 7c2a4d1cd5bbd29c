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
 * Without Guice, {@link Worker.Builder#recurring} takes the same schedules.
 */
public final class RecurringJobs {
    private RecurringJobs() {
    }

    /** Two registrations of the same schedule at the same place are one; of the same name at two, an error at start. */
    private static Multibinder<CodeSchedule> binder(Binder binder) {
        return Multibinder.newSetBinder(binder, CodeSchedule.class).permitDuplicates();
    }

    /** @throws com.jobladder.internal.cron.InvalidScheduleException in the file's words, when the module is configured */
    public static void register(Binder binder, RecurringJob job) {
        binder(binder).addBinding().toInstance(InvalidRequestException.requireNonNull(job, "recurring job").build());
    }
}
