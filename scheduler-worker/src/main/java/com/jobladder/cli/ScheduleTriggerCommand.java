package com.jobladder.cli;

import com.jobladder.amqp.BrokerSession;
import com.jobladder.amqp.Envelope;
import com.jobladder.config.SchedulerConfig;
import com.jobladder.cron.CronSchedule;
import com.jobladder.cron.Fire;
import com.jobladder.cron.ScheduleFile;
import com.jobladder.cron.ScheduleFileParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Fires a schedule now: one job with id NAME@manual-<time>, recorded under the schedule.",
        footer = {"", "Example:", "  scheduler schedules trigger nightly-report"})
final class ScheduleTriggerCommand implements Callable<Integer> {
    private final Clock clock = Clock.systemUTC();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfOption conf;

    @Option(names = {"-f", "--file"}, defaultValue = "conf/schedules.conf",
            description = "The schedules file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Parameters(paramLabel = "NAME", description = "The schedule to fire, as named in the schedules file.")
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
        Optional<CronSchedule> schedule = parsed.schedules().stream().filter(s -> s.name().equals(name)).findFirst();
        if (schedule.isEmpty()) {
            err.println("scheduler: no schedule named \"" + name + "\" in " + file + ": expected one of "
                    + parsed.schedules().stream().map(CronSchedule::name).sorted().toList());
            return SchedulerCli.EXIT_USAGE;
        }
        CronSchedule s = schedule.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String jobId = Fire.manualJobId(s.name(), now);
        SchedulerConfig config = conf.load();
        try (BrokerSession session = BrokerSession.open(config, "jobladder-trigger", clock)) {
            session.publisher().publish(new Envelope(jobId, s.jobType(), s.payload().getBytes(StandardCharsets.UTF_8),
                    s.contentType(), now, 1, now, s.name(), null))
                    .get(config.broker().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        out.println(jobId + " " + s.jobType() + " due " + now);
        out.flush();
        return 0;
    }
}
