package com.jobladder.bench;

import com.jobladder.bench.scenario.AuditWriteBenchmark;
import com.jobladder.bench.scenario.BrokerCostBenchmark;
import com.jobladder.bench.scenario.CeilingBenchmark;
import com.jobladder.bench.scenario.DeadLetterPrefetchBenchmark;
import com.jobladder.bench.scenario.DueAtOnceBenchmark;
import com.jobladder.bench.scenario.LadderShapeBenchmark;
import com.jobladder.bench.scenario.PendingBenchmark;
import com.jobladder.bench.scenario.RelayBenchmark;
import com.jobladder.bench.scenario.SchedulersBenchmark;
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
            RelayBenchmark.class,
            AllBenchmarks.class
        })
public final class BenchCli {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new BenchCli());
        System.exit(cli.execute(args));
    }
}
