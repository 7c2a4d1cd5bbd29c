package com.jobladder.bench.scenario;

import com.jobladder.bench.load.OfferedLoad;
import com.jobladder.bench.measure.DelayRange;
import com.jobladder.bench.measure.SteadyFigures;
import com.jobladder.bench.measure.SteadyWindow;
import java.util.List;
import java.util.Map;

/**
 * The schedulers scenario's closing lines, per delay range: the highest offered rate each system
 * sustained in steady state, JobLadder's ratios to each peer, and JobLadder's executed rate
 * against the broker's ceiling.
 */
final class Summary {
    private Summary() {}

    static void print(Map<String, List<OfferedLoad.Result>> bySystem, Map<DelayRange, BrokerCeiling> ceilings) {
        for (DelayRange range : ceilings.keySet()) {
            System.out.println();
            for (Map.Entry<String, List<OfferedLoad.Result>> e : bySystem.entrySet()) {
                int best = 0;
                for (OfferedLoad.Result r : of(e.getValue(), range)) {
                    if (r.sustained()) {
                        best = Math.max(best, r.workload().rate());
                    }
                }
                System.out.printf(
                        "%s, delays %s s: highest offered rate sustained in steady state (due rate >= %.0f %%"
                                + " of offered, every job due in the window run, lateness p99 < 100 ms): %s%n",
                        e.getKey(),
                        range,
                        SteadyWindow.STEADY_SHARE * 100,
                        best == 0 ? "none of the rates tried" : best + " jobs/s");
            }
            List<OfferedLoad.Result> ours =
                    bySystem.containsKey("jobladder") ? of(bySystem.get("jobladder"), range) : List.of();
            for (Map.Entry<String, List<OfferedLoad.Result>> e : bySystem.entrySet()) {
                if (e.getKey().startsWith("jobladder")) {
                    ceilingRatios(e.getKey(), range, of(e.getValue(), range), ceilings.get(range));
                    continue;
                }
                List<OfferedLoad.Result> theirs = of(e.getValue(), range);
                for (int i = 0; i < ours.size() && i < theirs.size(); i++) {
                    compare(ours.get(i), theirs.get(i));
                }
            }
        }
    }

    private static List<OfferedLoad.Result> of(List<OfferedLoad.Result> results, DelayRange range) {
        return results.stream().filter(r -> r.workload().delays().equals(range)).toList();
    }

    private static void compare(OfferedLoad.Result a, OfferedLoad.Result b) {
        SteadyFigures x = a.steady();
        SteadyFigures y = b.steady();
        long p99a = x.lateness().getValueAtPercentile(99);
        long p99b = y.lateness().getValueAtPercentile(99);
        System.out.printf(
                "jobladder / %s @ %d/s, delays %s s%s: executed/s x%.2f, lateness p99 %d vs %d ms (x%.2f),"
                        + " submit p99 %.2f vs %.2f ms, CPU (JVM + broker + PostgreSQL) x%.2f%n",
                b.system(),
                a.workload().rate(),
                a.workload().delays(),
                x.steady(a.workload().rate()) && y.steady(b.workload().rate()) ? "" : " (NOT STEADY)",
                x.executedRate() / Math.max(0.001, y.executedRate()),
                p99a,
                p99b,
                p99a / Math.max(1.0, p99b),
                a.submitMicros().getValueAtPercentile(99) / 1000.0,
                b.submitMicros().getValueAtPercentile(99) / 1000.0,
                x.cpu().ownFootprint() / Math.max(0.001, y.cpu().ownFootprint()));
    }

    private static void ceilingRatios(
            String system, DelayRange range, List<OfferedLoad.Result> results, BrokerCeiling ceiling) {
        StringBuilder line = new StringBuilder(String.format(
                "%s, delays %s s: executed/s / broker ceiling %,.0f jobs/s" + " (%,.0f enqueues/s / %.2f per job):",
                system, range, ceiling.jobsPerSecond(), ceiling.enqueuesPerSecond(), ceiling.enqueuesPerJob()));
        for (OfferedLoad.Result r : results) {
            double perCore = ceiling.ratioPerBrokerCore(
                    r.steady().executedRate(), r.steady().cpu().broker());
            line.append(String.format(
                    " %.2f @ %d/s%s%s;",
                    ceiling.ratio(r.steady().executedRate()),
                    r.workload().rate(),
                    perCore < 0
                            ? ""
                            : String.format(
                                    " (per broker core %.2f, broker %.2f cores)",
                                    perCore, r.steady().cpu().broker()),
                    r.steady().steady(r.workload().rate()) ? "" : " (NOT STEADY)"));
        }
        System.out.println(line);
    }
}
