package com.jobladder.internal.cli;

import com.jobladder.api.ScheduledJob;
import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.cron.CronSchedule;
import com.jobladder.internal.cron.ManualTrigger;
import com.jobladder.internal.cron.ScheduleFile;
import com.jobladder.internal.cron.ScheduleFileParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scheduler schedules trigger NAME}: fires a schedule now, outside its cron times, as an
 * operator does after a failed run. The job has the schedule's type, payload and content type, the id
 * {@code NAME@manual-<time>} and the schedule's name, so the audit log records it under the schedule.
 */
@Command(
        name = "trigger",
        mixinStandardHelpOptions = true,
        description = "Fires a schedule now: one job with id NAME@manual-<time>, recorded under the schedule.",
        footer = {"", "Example:", "  scheduler schedules trigger nightly-report"})
final class ScheduleTriggerCommand implements Callable<Integer> {
    private final Clock clock = Clock.systemUTC();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfOption conf;

    @Option(
            names = {"-f", "--file"},
            defaultValue = "conf/schedules.conf",
            description = "The schedules file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Parameters(
            paramLabel = "NAME",
            description = "The schedule to fire, as named in the schedules file (schedules"
                    + " declared in code are not known to this command).")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScheduleFile parsed = ScheduleFileParser.parse(file);
        if (!parsed.valid()) {
            err.println(parsed.describeErrors());
            return SchedulerCli.EXIT_USAGE;
        }
        Optional<CronSchedule> schedule =
                parsed.schedules().stream().filter(s -> s.name().equals(name)).findFirst();
        if (schedule.isEmpty()) {
            err.println("scheduler: no schedule named \"" + name + "\" in " + file + ": expected one of "
                    + parsed.schedules().stream()
                            .map(CronSchedule::name)
                            .sorted()
                            .toList() + " (a schedule declared"
                    + " in code with RecurringJob is known only to the application's workers; to run its job now, use"
                    + " scheduler submit --type TYPE)");
            return SchedulerCli.EXIT_USAGE;
        }
        SchedulerConfig config = conf.load();
        ScheduledJob job;
        try (BrokerSession session = BrokerSession.open(config, "jobladder-trigger", clock)) {
            job = ManualTrigger.fire(
                    schedule.get(), session.publisher(), clock, config.broker().confirmTimeout());
        }
        out.println(job.id() + " " + job.type() + " due " + job.dueAt());
        out.flush();
        return 0;
    }
}
