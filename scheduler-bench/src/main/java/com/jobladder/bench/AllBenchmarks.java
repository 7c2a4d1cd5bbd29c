package com.jobladder.bench;

import com.jobladder.bench.setup.BenchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Every scenario in turn with the same options: {@code bin/bench all [--quick]}. */
@Command(name = "all", mixinStandardHelpOptions = true, description = "Runs every scenario in turn.")
final class AllBenchmarks implements Callable<Integer> {
    private static final List<String> SCENARIOS = List.of(
            "ceiling", "schedulers", "due-at-once", "pending", "dlx-prefetch", "ladder-shape", "audit", "broker-cost");

    @Mixin
    BenchOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        int failures = 0;
        for (String scenario : SCENARIOS) {
            List<String> args = new ArrayList<>(List.of(
                    scenario,
                    "--out",
                    options.out.toString(),
                    "--conf",
                    options.conf.toString(),
                    "--pg-url",
                    options.pgUrl,
                    "--pg-user",
                    options.pgUser,
                    "--pg-password",
                    options.pgPassword,
                    "--broker",
                    options.broker,
                    "--node-dlx-prefetch",
                    Integer.toString(options.nodeDlxPrefetch)));
            if (options.quick) {
                args.add("--quick");
            }
            if (options.splitCores) {
                args.add("--split-cores");
            }
            if (options.watchNode) {
                args.add("--watch-node");
            }
            System.out.printf("%n######## %s (%.0f s elapsed)%n", scenario, (System.nanoTime() - start) / 1e9);
            int code = new CommandLine(new BenchCli()).execute(args.toArray(String[]::new));
            if (code != 0) {
                failures++;
                System.out.println("######## " + scenario + " failed (exit " + code + "); continuing");
            }
        }
        System.out.printf(
                "%n######## all scenarios done in %.0f s, %d failed%n", (System.nanoTime() - start) / 1e9, failures);
        return failures == 0 ? 0 : 1;
    }
}
