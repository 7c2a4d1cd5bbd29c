package com.jobladder.internal.cli;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobStatus;
import com.jobladder.internal.audit.AuditStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Prints a job's state and every recorded attempt.",
        footer = {"", "Example:", "  scheduler status invoice-42"})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Parameters(paramLabel = "JOB_ID", description = "The id that submit printed or the caller chose.")
    String jobId;

    @Override
    public Integer call() {
        try (AuditStore store = conf.openAuditStore()) {
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
}
