package com.jobladder.internal.cli;

import com.jobladder.internal.amqp.BrokerSession;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.deadjobs.DeadJob;
import com.jobladder.internal.deadjobs.DeadJobs;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dead",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the dead-job queue, or sends dead jobs back into the ladder (due now, same job id,",
            "a fresh set of attempts; their audit history stays)."
        },
        footer = {
            "",
            "Examples:",
            "  scheduler dead                       # list up to 100",
            "  scheduler dead --redrive --type send-email",
            "  scheduler dead --redrive --id invoice-42",
            "  scheduler dead --redrive --all"
        })
final class DeadCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Option(
            names = "--limit",
            defaultValue = "100",
            description = "List at most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--redrive", description = "Send the selected dead jobs back into the ladder.")
    boolean redrive;

    @ArgGroup(exclusive = true)
    Selection selection;

    static final class Selection {
        @Option(names = "--all", description = "Every dead job.")
        boolean all;

        @Option(names = "--type", description = "Dead jobs of this type.")
        String type;

        @Option(names = "--id", description = "The dead job with this id.")
        String id;
    }

    @Override
    public Integer call() throws Exception {
        SchedulerConfig config = conf.load();
        if (redrive && selection == null) {
            throw new IllegalArgumentException("--redrive needs --all, --type TYPE or --id ID");
        }
        try (BrokerSession session = BrokerSession.open(config, "jobladder-dead-jobs", Clock.systemUTC())) {
            DeadJobs deadJobs = new DeadJobs(session.connection(), session.publisher(), config, Clock.systemUTC());
            if (redrive) {
                List<DeadJob> redriven = deadJobs.redrive(select());
                redriven.forEach(job -> System.out.println("redriven " + job.jobId() + " " + job.type()));
                System.out.println(redriven.size() + " dead job(s) redriven");
            } else {
                List<DeadJob> jobs = deadJobs.list(limit);
                for (DeadJob job : jobs) {
                    System.out.printf(
                            "%s  %s  attempt %d  due %s  %d bytes  reason: %s%n",
                            job.jobId(),
                            job.type(),
                            job.attempt(),
                            job.dueAt() == null ? "-" : job.dueAt(),
                            job.payloadBytes(),
                            job.reason());
                }
                System.out.println(jobs.size() + " dead job(s) listed");
            }
        }
        return 0;
    }

    private Predicate<DeadJob> select() {
        if (selection.all) {
            return DeadJobs.all();
        }
        if (selection.type != null) {
            return DeadJobs.ofType(selection.type);
        }
        return DeadJobs.withId(selection.id);
    }
}
