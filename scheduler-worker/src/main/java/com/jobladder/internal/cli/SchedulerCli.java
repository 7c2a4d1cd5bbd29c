package com.jobladder.internal.cli;

import com.jobladder.api.JobladderException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scheduler} command: one entry point, a subcommand per task. */
@Command(
        name = "scheduler",
        mixinStandardHelpOptions = true,
        version = "JobLadder 0.1.0",
        description = "Delayed jobs and cron schedules on RabbitMQ.",
        subcommands = {
            WorkerCommand.class,
            SubmitCommand.class,
            StatusCommand.class,
            CancelCommand.class,
            DeadCommand.class,
            SchedulesCommand.class,
            MigrateCommand.class,
            TopologyCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  scheduler worker --demo",
            "  scheduler submit --type send-email --payload 'to=ada' --delay 10s",
            "  scheduler status 0193a1f2-...",
            "",
            "Each subcommand has --help."
        })
public final class SchedulerCli implements Runnable {
    /** Exit code for bad input: a wrong setting, an unreachable broker, an invalid argument. */
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new SchedulerCli());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof JobladderException || exception instanceof IllegalArgumentException) {
                line.getErr().println("scheduler: " + exception.getMessage());
                return EXIT_USAGE;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
