package com.jobladder.bench.scenario;

import com.jobladder.bench.contender.Contender;
import com.jobladder.bench.contender.JobLadderContender;
import com.jobladder.bench.contender.RawContender;
import com.jobladder.bench.contender.RawVariant;
import com.jobladder.bench.load.OfferedLoad;
import com.jobladder.bench.load.OneByOne;
import com.jobladder.bench.load.Workload;
import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.EnqueuesPerJob;
import com.jobladder.bench.measure.NodeActivity;
import com.jobladder.bench.measure.Probe;
import com.jobladder.bench.measure.SteadyFigures;
import com.jobladder.bench.setup.BenchDatabase;
import com.jobladder.bench.setup.BenchOptions;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.PrivateBroker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One broker-cost run: a variant started fresh (its own queues or namespace), offered a rate by
 * {@link OfferedLoad} for the steady window plus the delays' spread, with the node's activity
 * sampled in the middle of the window.
 */
final class VariantRun {
    private final BenchOptions options;
    private final SchedulerConfig base;
    private final PrivateBroker node;
    private final OptionalLong brokerPid;
    private final Duration sample;
    private final Map<String, String> settings = new LinkedHashMap<>();

    record Outcome(OfferedLoad.Result result, double enqueuesPerMessage, NodeActivity activity) {}

    /** @param node the run's own broker node, or null (then no node activity) */
    VariantRun(
            BenchOptions options, SchedulerConfig base, PrivateBroker node, OptionalLong brokerPid, Duration sample) {
        this.options = options;
        this.base = base;
        this.node = node;
        this.brokerPid = brokerPid;
        this.sample = sample;
    }

    Outcome run(String variant, int rate, Duration window, DelayRange delays) throws Exception {
        Workload w = new Workload(rate, window.plus(delays.spread()), delays, OneByOne.PAYLOAD_BYTES);
        System.out.println("-- variant " + variant + ": " + w);
        Probe probe = new Probe(w.jobs());
        Duration grace = Duration.ofSeconds(options.quick ? 3 : 10);
        try (BenchDatabase db = BrokerCostBenchmark.jobladder(variant) ? BenchDatabase.create(options, 14) : null;
                Contender contender = contender(variant, db, probe)) {
            settings.put(variant, contender.settings());
            contender.start();
            long middle = System.currentTimeMillis() + delays.max().toMillis() + window.toMillis() / 2;
            CompletableFuture<NodeActivity> activity = node == null
                    ? CompletableFuture.completedFuture(NodeActivity.NOT_MEASURED)
                    : NodeActivity.sampleAt(node, middle - sample.toMillis() / 2, sample);
            OfferedLoad.Result r = OfferedLoad.run(contender, probe, w, grace, brokerPid);
            SteadyFigures s = r.steady();
            System.out.printf(
                    "  steady window %s: %,.1f msg/s started, broker %.2f cores, %,d due in it not started%n",
                    s.window().describe(r.firstSubmitMillis()),
                    s.executedRate(),
                    s.cpu().broker(),
                    s.notRun());
            return new Outcome(r, enqueuesPerMessage(variant, delays, contender), activity.join());
        }
    }

    private Contender contender(String variant, BenchDatabase db, Probe probe) {
        return switch (variant) {
            case "f" -> new JobLadderContender("jobladder-async", base, db, options, probe, true);
            case "g" ->
                new JobLadderContender(
                        "jobladder-async",
                        base.withLadder(base.ladder().withApproach(Duration.ZERO, Duration.ZERO)),
                        db,
                        options,
                        probe,
                        true);
            default -> new RawContender(RawVariant.of(variant), base, probe);
        };
    }

    private static double enqueuesPerMessage(String variant, DelayRange delays, Contender contender) {
        if (contender instanceof JobLadderContender jobladder) {
            return EnqueuesPerJob.mean(jobladder.config().ladder(), delays);
        }
        if (variant.equals("e2")) {
            return EnqueuesPerJob.mean(((RawContender) contender).ladder(), delays);
        }
        return BrokerCostBenchmark.delayed(variant) ? RawContender.enqueuesPerMessage(delays) : 1;
    }

    Map<String, String> settings() {
        return settings;
    }
}
