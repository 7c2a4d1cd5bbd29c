package com.jobladder.internal.cli;

import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.ScheduleFile;
import com.jobladder.internal.cron.ScheduleFileParser;
import com.jobladder.internal.cron.ScheduleListing;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scheduler schedules}: prints each schedule of a schedules file with its next fire times in
 * its zone and in UTC (format in docs/cron.md). Exit code 0, or 2 when the file is invalid (the
 * errors go to standard error with file, line and reason). {@code schedules trigger NAME} fires one now
 * ({@link ScheduleTriggerCommand}). Self-contained: the daemon's main
 * command adds it as a subcommand, optionally with a {@link ScheduleListing.FireHistory} over the
 * audit store to also print the last fires. It reads the file only: schedules an application
 * declares in code ({@code RecurringJob}) live in that application's workers, which this command does
 * not run (docs/cron.md, "Recurring jobs in code").
 */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        subcommands = ScheduleTriggerCommand.class,
        description = {
            "Prints each cron schedule of the schedules file with its next fire times in its own time zone"
                    + " and in UTC.",
            "Schedules declared in code (RecurringJob) are not listed: they live in the"
                    + " application's workers; their fires are in the audit store (scheduler status NAME@<fire-time>)."
        },
        footer = {
            "",
            "Examples:",
            "  scheduler schedules                  # next 5 fires and last 3 runs of each",
            "  scheduler schedules -n 10 --at 2027-03-28T00:00:00Z -f conf/schedules.conf",
            "  scheduler schedules trigger nightly-report   # fire it now"
        })
public final class SchedulesCommand implements Callable<Integer> {
    private final ScheduleListing.FireHistory history;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-f", "--file"},
            defaultValue = "conf/schedules.conf",
            description = "The schedules file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(
            names = {"-n", "--count"},
            defaultValue = "5",
            description = "How many next fires to print per schedule (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = {"-c", "--conf"},
            defaultValue = "conf/scheduler.conf",
            paramLabel = "FILE",
            description = "Scheduler configuration whose audit store supplies the last fires; skipped when the file"
                    + " does not exist (default: ${DEFAULT-VALUE}).")
    Path conf;

    @Option(
            names = "--last",
            defaultValue = "3",
            description =
                    "How many past fires to print per schedule, from the audit store (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(
            names = "--at",
            description =
                    "Compute the fires after this instant (ISO-8601, e.g." + " 2026-11-23T00:00:00Z) instead of now.")
    Instant at;

    public SchedulesCommand() {
        this(ScheduleListing.NO_HISTORY, Clock.systemUTC());
    }

    public SchedulesCommand(ScheduleListing.FireHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 1000) {
            err.println("--count " + count + " is invalid: expected an integer from 1 to 1000");
            return 2;
        }
        ScheduleFile parsed = ScheduleFileParser.parse(file);
        if (!parsed.valid()) {
            err.println(parsed.describeErrors());
            return 2;
        }
        Instant from = at != null ? at : clock.instant();
        if (history != ScheduleListing.NO_HISTORY || last == 0 || !Files.isRegularFile(conf)) {
            out.print(ScheduleListing.render(parsed.schedules(), from, count, history));
        } else {
            SchedulerConfig config = ConfigLoader.load(conf);
            try (AuditStore store = AuditStores.open(config.audit(), config.dataDir())) {
                ScheduleListing.FireHistory fromAudit =
                        (name, limit) -> store.lastAttemptsOfSchedule(name, Math.min(limit, last)).stream()
                                .map(a -> new ScheduleListing.PastFire(
                                        a.jobId(), a.dueAt(), a.outcome().name()))
                                .toList();
                out.print(ScheduleListing.render(parsed.schedules(), from, count, fromAudit));
            }
        }
        out.flush();
        return 0;
    }
}
