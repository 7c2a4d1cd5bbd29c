package com.jobladder.internal.engine;

import com.jobladder.internal.amqp.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Keeps the runs of a cron schedule that forbids overlap apart: a fire runs only under the
 * schedule's lock, held in the audit store until the run ends or the type's timeout passes.
 *
 * @param forbidsOverlap whether a schedule, by name, forbids overlapping runs
 */
record OverlapGuard(Predicate<String> forbidsOverlap, PatientStore store, String workerId, Duration timeout) {

    enum Verdict {
        RAN,
        SKIPPED,
        STOPPED
    }

    Verdict run(Envelope envelope, Instant started, Runnable job) {
        String schedule = envelope.scheduleName();
        if (schedule == null || !forbidsOverlap.test(schedule)) {
            job.run();
            return Verdict.RAN;
        }
        Instant expires = started.plus(timeout);
        Boolean locked = store.await(
                "lock schedule " + schedule,
                audit -> audit.tryLockSchedule(schedule, envelope.jobId(), workerId, started, expires));
        if (locked == null) {
            return Verdict.STOPPED;
        }
        if (!locked) {
            return Verdict.SKIPPED;
        }
        try {
            job.run();
        } finally {
            store.await("unlock schedule " + schedule, audit -> {
                audit.unlockSchedule(schedule, envelope.jobId());
                return true;
            });
        }
        return Verdict.RAN;
    }
}
