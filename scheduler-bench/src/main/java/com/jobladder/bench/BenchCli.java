package com.jobladder.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/bench <scenario> [options]}; {@code bin/bench all [--quick]} runs every scenario in turn. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "JobLadder benchmarks; every scenario prints its workload, a table, and writes CSV (and PNG).",
        subcommands = {
            CeilingBenchmark.class,
            SchedulersBenchmark.class,
            PendingBenchmark.class,
            DeadLetterPrefetchBenchmark.class,
            LadderShapeBenchmark.class,
            AuditWriteBenchmark.class,
            BrokerCostBenchmark.class,
            DueAtOnceBenchmark.class,
            AllBenchmarks.class
        })
public final class BenchCli {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchCli());
        System.exit(cli.execute(args));
    }
}
