package com.jobladder.bench.scenario;

import com.jobladder.api.BatchResult;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.bench.load.OneByOne;
import com.jobladder.bench.setup.BenchNamespace;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Submit throughput, side by side in one run: synchronous {@code schedule} one job at a time,
 * {@code scheduleAll} with pipelined confirms, and {@code scheduleAllAtomically} (AMQP
 * transactions) in batches; and, as the floor for the first, the raw broker publishing one
 * message at a time and waiting for each confirm, taking turns with it call by call
 * ({@link OneByOne}; its rates are one over the mean latency). Jobs are due in an hour, so
 * nothing runs; the namespace is deleted afterwards.
 *
 * <pre>bin/bench submit --jobs 5000</pre>
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit throughput: one by one vs pipelined confirms vs transactions.")
public final class SubmitBenchmark implements Callable<Integer> {
    private static final String TYPE = "bench-submit";

    @Option(names = "--conf", defaultValue = "conf/scheduler.conf")
    Path conf;

    @Option(names = "--jobs", defaultValue = "5000", description = "Jobs per variant.")
    int jobs;

    @Option(names = "--rounds", defaultValue = "2", description = "Rounds of all variants, interleaved.")
    int rounds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SubmitBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchNamespace namespace = BenchNamespace.create(conf, TYPE);
        SchedulerConfig config = namespace.config();
        System.out.printf("submit: %d jobs per variant, %d rounds, 300-byte payloads, due in 1 h%n", jobs, rounds);
        double[] raw = new double[rounds];
        double[] rawToRung = new double[rounds];
        double[] oneByOne = new double[rounds];
        Histogram rawMicros = new Histogram(3);
        Histogram rawToRungMicros = new Histogram(3);
        Histogram oneByOneMicros = new Histogram(3);
        double[] pipelined = new double[rounds];
        double[] tx100 = new double[rounds];
        double[] tx1000 = new double[rounds];
        try (JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config).build()) {
            for (int round = 0; round < rounds; round++) {
                OneByOne.Comparison turns = OneByOne.compare(scheduler, TYPE, config, jobs);
                raw[round] = OneByOne.Comparison.perSecond(turns.raw());
                rawToRung[round] = OneByOne.Comparison.perSecond(turns.rawToRung());
                oneByOne[round] = OneByOne.Comparison.perSecond(turns.schedule());
                rawMicros.add(turns.raw());
                rawToRungMicros.add(turns.rawToRung());
                oneByOneMicros.add(turns.schedule());
                pipelined[round] = rate(() -> {
                    BatchResult result = scheduler.scheduleAll(requests());
                    if (!result.allScheduled()) {
                        throw new IllegalStateException(result.failed().size() + " jobs failed");
                    }
                });
                tx100[round] = rate(() -> atomically(scheduler, 100));
                tx1000[round] = rate(() -> atomically(scheduler, 1000));
                System.out.printf(
                        "  round %d: raw one by one %.0f/s, raw to the rung %.0f/s, one by one %.0f/s,"
                                + " pipelined %.0f/s, tx x100 %.0f/s, tx x1000 %.0f/s%n",
                        round + 1,
                        raw[round],
                        rawToRung[round],
                        oneByOne[round],
                        pipelined[round],
                        tx100[round],
                        tx1000[round]);
            }
        } finally {
            namespace.close();
        }
        double base1 = best(oneByOne);
        System.out.printf("%n| variant | jobs/s (best of %d) | vs one by one |%n| --- | --- | --- |%n", rounds);
        System.out.printf(
                "| raw publish + wait for confirm, one by one, 1 thread | %.0f | %.1fx |%n",
                best(raw), best(raw) / base1);
        System.out.printf(
                "| raw publish of `schedule`'s message to its rung + wait for confirm, one by one | %.0f | %.1fx |%n",
                best(rawToRung), best(rawToRung) / base1);
        System.out.printf("| `schedule`, one by one, 1 thread | %.0f | 1.0x |%n", base1);
        System.out.printf(
                "| `scheduleAll`, pipelined confirms | %.0f | %.1fx |%n", best(pipelined), best(pipelined) / base1);
        System.out.printf(
                "| `scheduleAllAtomically`, batches of 100 | %.0f | %.1fx |%n", best(tx100), best(tx100) / base1);
        System.out.printf(
                "| `scheduleAllAtomically`, batches of 1000 | %.0f | %.1fx |%n", best(tx1000), best(tx1000) / base1);
        System.out.println();
        new OneByOne.Comparison(oneByOneMicros, rawMicros, rawToRungMicros)
                .describe()
                .forEach(System.out::println);
        return 0;
    }

    private void atomically(JobScheduler scheduler, int batchSize) {
        List<JobRequest> all = requests();
        for (int from = 0; from < all.size(); from += batchSize) {
            scheduler.scheduleAllAtomically(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
    }

    private List<JobRequest> requests() {
        List<JobRequest> requests = new ArrayList<>(jobs);
        String payload = "x".repeat(300);
        for (int i = 0; i < jobs; i++) {
            requests.add(JobRequest.ofType(TYPE).payload(payload).after(Duration.ofHours(1)));
        }
        return requests;
    }

    private double rate(Runnable variant) {
        long start = System.nanoTime();
        variant.run();
        return jobs / ((System.nanoTime() - start) / 1e9);
    }

    private static double best(double[] rates) {
        double best = 0;
        for (double rate : rates) {
            best = Math.max(best, rate);
        }
        return best;
    }
}
