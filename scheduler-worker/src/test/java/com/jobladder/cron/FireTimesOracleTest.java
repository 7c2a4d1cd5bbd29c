package com.jobladder.cron;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void fire_times_agree_with_the_independent_oracle_on_the_whole_corpus() {
        List<CronCorpus.Expression> expressions = CronCorpus.expressions();
        List<String> disagreements = new ArrayList<>();
        long cases = 0;
        long fires = 0;
        int starts = 0;
        long began = System.nanoTime();
        long oracleNanos = 0;
        long fireTimesNanos = 0;
        for (String zoneId : CronCorpus.ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            List<Instant> zoneStarts = CronCorpus.starts(zone);
            starts += zoneStarts.size();
            for (CronCorpus.Expression expression : expressions) {
                FireTimes times = FireTimes.of(CronSchedule.of("corpus", expression.text(), expression.syntax(),
                        zone, "corpus"));
                CronOracle oracle = CronOracle.of(expression.syntax(), expression.text());
                for (Instant start : zoneStarts) {
                    Instant horizon = start.plusSeconds(HORIZON_YEARS * 366 * 86_400);
                    long t0 = System.nanoTime();
                    List<Instant> expected = oracle.fires(zone, start, CronCorpus.FIRES_PER_CASE, horizon);
                    long t1 = System.nanoTime();
                    List<Instant> actual = fires(times, start, horizon);
                    oracleNanos += t1 - t0;
                    fireTimesNanos += System.nanoTime() - t1;
                    cases++;
                    fires += Math.max(expected.size(), actual.size());
                    if (!actual.equals(expected)) {
                        disagreements.add(expression + " in " + zoneId + " after " + start + ": FireTimes " + actual
                                + ", oracle " + expected);
                    }
                }
            }
        }
        System.out.printf("Cron corpus: %d expressions x %d zones, %d starts, %d cases, %d fires compared,"
                        + " %d cases agree, %d disagree (%d ms: oracle %d, FireTimes %d)%n", expressions.size(),
                CronCorpus.ZONES.size(), starts, cases, fires, cases - disagreements.size(), disagreements.size(),
                (System.nanoTime() - began) / 1_000_000, oracleNanos / 1_000_000, fireTimesNanos / 1_000_000);
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(200);
        assertThat(disagreements.subList(0, Math.min(20, disagreements.size())))
                .as("the first of %d disagreements", disagreements.size()).isEmpty();
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
