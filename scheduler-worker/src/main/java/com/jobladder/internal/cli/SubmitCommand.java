package com.jobladder.internal.cli;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Schedules one job and prints its id once the broker has confirmed it.",
        footer = {
            "",
            "Examples:",
            "  scheduler submit --type send-email --payload 'to=ada' --delay 10m",
            "  scheduler submit --type report --at 2026-12-01T09:00:00Z --id report-2026-12"
        })
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Option(names = "--type", required = true, description = "Job type, e.g. send-email ([a-z0-9_-]+).")
    String type;

    @Option(names = "--payload", defaultValue = "", description = "Payload text (UTF-8).")
    String payload;

    @Option(names = "--content-type", defaultValue = ContentTypes.TEXT, description = "Payload MIME type.")
    String contentType;

    @Option(names = "--id", description = "Job id (idempotency key); generated when absent.")
    String id;

    @Option(names = "--max-attempts", description = "Override the type's attempt limit for this job.")
    Integer maxAttempts;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    When when = new When();

    static final class When {
        @Option(
                names = "--delay",
                converter = DurationConverter.class,
                description = "Run after this delay (e.g. 30s).")
        Duration delay;

        @Option(names = "--at", description = "Run at this instant (ISO-8601, e.g. 2026-12-01T09:00:00Z).")
        Instant at;
    }

    @Override
    public Integer call() {
        JobRequest.Builder builder =
                JobRequest.ofType(type).payload(payload.getBytes(StandardCharsets.UTF_8), contentType);
        if (id != null) {
            builder.id(id);
        }
        if (maxAttempts != null) {
            builder.maxAttempts(maxAttempts);
        }
        JobRequest request =
                when.at != null ? builder.at(when.at) : builder.after(when.delay != null ? when.delay : Duration.ZERO);
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(conf.load()).build()) {
            ScheduledJob job = scheduler.schedule(request);
            System.out.println(job.id() + " " + job.type() + " due " + job.dueAt());
        }
        return 0;
    }
}
