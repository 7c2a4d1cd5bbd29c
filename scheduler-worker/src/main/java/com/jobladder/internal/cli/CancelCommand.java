package com.jobladder.internal.cli;

import com.jobladder.api.CancelResult;
import com.jobladder.internal.audit.AuditStore;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancels a job: a worker that receives it skips it and records CANCELLED.",
        footer = {"", "Example:", "  scheduler cancel invoice-42"})
final class CancelCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Override
    public Integer call() {
        try (AuditStore store = conf.openAuditStore()) {
            CancelResult result = store.cancel(jobId, Instant.now());
            System.out.println(jobId + " " + result);
            return result == CancelResult.ALREADY_FINISHED ? 1 : 0;
        }
    }
}
