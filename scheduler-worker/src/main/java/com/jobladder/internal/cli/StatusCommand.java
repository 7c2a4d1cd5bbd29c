package com.jobladder.internal.cli;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobStatus;
import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.DatabaseClock.WorkerClock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a job's state and every recorded attempt; without a job id, each running worker's clock",
            "against the audit database's."
        },
        footer = {"", "Examples:", "  scheduler status invoice-42", "  scheduler status"})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Parameters(
            paramLabel = "JOB_ID",
            arity = "0..1",
            description = "The id that submit printed or the caller chose; absent: the workers' clocks.")
    String jobId;

    @Override
    public Integer call() {
        try (AuditStore store = conf.openAuditStore()) {
            if (jobId == null) {
                printClocks(store.workerClocks());
                return 0;
            }
            JobStatus status = store.status(jobId);
            System.out.println(status.jobId() + " " + status.state());
            for (JobAttempt attempt : status.attempts()) {
                System.out.printf(
                        "  attempt %d  %-9s due %s  started %s  late %d ms  worker %s%s%n",
                        attempt.attempt(),
                        attempt.outcome(),
                        attempt.dueAt(),
                        attempt.startedAt(),
                        attempt.lateness().toMillis(),
                        attempt.workerId(),
                        attempt.error() == null ? "" : "  error: " + attempt.error());
            }
        }
        return 0;
    }

    /** One line per running worker: its clock state, offset (database minus worker) and bound, and when measured. */
    private static void printClocks(List<WorkerClock> clocks) {
        if (clocks.isEmpty()) {
            System.out.println("No running worker has reported its clock.");
            return;
        }
        System.out.println("Workers' clocks against the audit database's (offset: database minus worker)");
        for (WorkerClock clock : clocks) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-30s %-11s offset %+.3f ms ± %.3f ms  measured %s%n",
                    clock.workerId(),
                    clock.state(),
                    clock.offset().toNanos() / 1e6,
                    clock.bound().toNanos() / 1e6,
                    clock.measuredAt());
        }
    }
}
