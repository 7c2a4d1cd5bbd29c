package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * FireTimes against {@link CronOracle}, an independent reading of both syntaxes and of cron's DST
 * rule, on {@link CronCorpus}: every expression in every zone from every start, the next
 * {@value CronCorpus#FIRES_PER_CASE} fires each. Prints the size of the corpus and the agreement.
 */
class FireTimesOracleTest {
    /** Far enough for eight fires of a leap-day schedule. */
    private static final long HORIZON_YEARS = 40;

    /** What one zone's share of the corpus gave. */
    private record ZoneResult(int starts, long cases, long fires, List<String> disagreements) {}

    @Test
    void fire_times_agree_with_the_independent_oracle_on_the_whole_corpus() {
        List<CronCorpus.Expression> expressions = CronCorpus.expressions();
        long began = System.nanoTime();
        Duration cpuBefore = processCpu();
        // Zones are independent: run them side by side on the cores there are.
        List<ZoneResult> results = CronCorpus.ZONES.parallelStream()
                .map(zone -> compare(ZoneId.of(zone), expressions))
                .toList();
        List<String> disagreements =
                results.stream().flatMap(r -> r.disagreements().stream()).toList();
        long cases = results.stream().mapToLong(ZoneResult::cases).sum();
        System.out.printf(
                "Cron corpus: %d expressions x %d zones, %d starts, %d cases, %d fires compared,"
                        + " %d cases agree, %d disagree (%d ms, %d ms of CPU)%n",
                expressions.size(),
                CronCorpus.ZONES.size(),
                results.stream().mapToInt(ZoneResult::starts).sum(),
                cases,
                results.stream().mapToLong(ZoneResult::fires).sum(),
                cases - disagreements.size(),
                disagreements.size(),
                (System.nanoTime() - began) / 1_000_000,
                processCpu().minus(cpuBefore).toMillis());
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(200);
        assertThat(disagreements.subList(0, Math.min(20, disagreements.size())))
                .as("the first of %d disagreements", disagreements.size())
                .isEmpty();
    }

    private static ZoneResult compare(ZoneId zone, List<CronCorpus.Expression> expressions) {
        List<Instant> starts = CronCorpus.starts(zone);
        List<String> disagreements = new ArrayList<>();
        long fires = 0;
        for (CronCorpus.Expression expression : expressions) {
            FireTimes times =
                    FireTimes.of(CronSchedule.of("corpus", expression.text(), expression.syntax(), zone, "corpus"));
            CronOracle oracle = CronOracle.of(expression.syntax(), expression.text());
            for (Instant start : starts) {
                Instant horizon = start.plusSeconds(HORIZON_YEARS * 366 * 86_400);
                List<Instant> expected = oracle.fires(zone, start, CronCorpus.FIRES_PER_CASE, horizon);
                List<Instant> actual = fires(times, start, horizon);
                fires += Math.max(expected.size(), actual.size());
                if (!actual.equals(expected)) {
                    disagreements.add(expression + " in " + zone + " after " + start + ": FireTimes " + actual
                            + ", oracle " + expected);
                }
            }
        }
        return new ZoneResult(starts.size(), (long) starts.size() * expressions.size(), fires, disagreements);
    }

    /** CPU time of the whole test JVM: on a busy machine the wall-clock time says little. */
    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    static List<Instant> fires(FireTimes times, Instant start, Instant horizon) {
        List<Instant> fires = new ArrayList<>();
        Instant at = start;
        while (fires.size() < CronCorpus.FIRES_PER_CASE) {
            Optional<Instant> next = times.next(at);
            if (next.isEmpty() || next.get().isAfter(horizon)) {
                break;
            }
            fires.add(next.get());
            at = next.get();
        }
        return fires;
    }
}
