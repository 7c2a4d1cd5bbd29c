package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * FireTimes against Quartz's own CronExpression for every Quartz expression of {@link CronCorpus}, in
 * UTC where no DST rule applies. The one kind of difference allowed is the one docs/cron.md lists:
 * Quartz 2.5.0 leaves out whole months for the day-of-month forms L, L-n, LW and nW (L fires in
 * 31-day months only; nW skips a month whose day n falls on a weekend). There Quartz may only miss
 * fires that FireTimes has, never add one; FireTimesOracleTest proves FireTimes' fires right.
 */
class QuartzComparisonTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void fire_times_agree_with_quartz_in_utc() throws ParseException {
        List<CronCorpus.Expression> expressions = CronCorpus.expressions().stream()
                .filter(e -> e.syntax() == CronSyntax.QUARTZ)
                .toList();
        List<Instant> starts = starts();
        List<String> disagreements = new ArrayList<>();
        long quartzSkips = 0;
        long fires = 0;
        for (CronCorpus.Expression expression : expressions) {
            FireTimes times = FireTimes.of(CronSchedule.of("quartz", expression.text(), CronSyntax.QUARTZ, UTC, "q"));
            CronExpression quartz = new CronExpression(expression.text());
            quartz.setTimeZone(TimeZone.getTimeZone(UTC));
            for (Instant start : starts) {
                Instant horizon = start.plusSeconds(40L * 366 * 86_400);
                List<Instant> ours = FireTimesOracleTest.fires(times, start, horizon);
                List<Instant> theirs = quartz(quartz, start, horizon);
                fires += Math.max(ours.size(), theirs.size());
                if (!ours.equals(theirs) && quartzOnlySkips(expression.text(), ours, theirs)) {
                    quartzSkips++;
                } else if (!ours.equals(theirs)) {
                    disagreements.add(expression + " after " + start + ": FireTimes " + ours + ", Quartz " + theirs);
                }
            }
        }
        long cases = (long) expressions.size() * starts.size();
        System.out.printf(
                "Quartz comparison: %d expressions x %d starts in UTC, %d cases, %d fires compared,"
                        + " %d cases agree, %d differ only where Quartz skips months (L, L-n, LW, nW), %d disagree%n",
                expressions.size(),
                starts.size(),
                cases,
                fires,
                cases - quartzSkips - disagreements.size(),
                quartzSkips,
                disagreements.size());
        assertThat(disagreements.subList(0, Math.min(20, disagreements.size())))
                .as("the first of %d disagreements", disagreements.size())
                .isEmpty();
    }

    /** The documented difference: a day-of-month L or W form, and Quartz's fires a subset of ours. */
    private static boolean quartzOnlySkips(String expression, List<Instant> ours, List<Instant> theirs) {
        String dayOfMonth = expression.split("\\s+")[3];
        if (!dayOfMonth.contains("L") && !dayOfMonth.contains("W") || ours.isEmpty()) {
            return false;
        }
        Instant last = ours.get(ours.size() - 1);
        return ours.containsAll(
                theirs.stream().filter(fire -> !fire.isAfter(last)).toList());
    }

    private static List<Instant> starts() {
        Set<Instant> starts = new LinkedHashSet<>(CronCorpus.ordinary());
        for (String zone : CronCorpus.ZONES) {
            starts.addAll(CronCorpus.starts(ZoneId.of(zone)));
        }
        return List.copyOf(starts);
    }

    private static List<Instant> quartz(CronExpression quartz, Instant start, Instant horizon) {
        List<Instant> fires = new ArrayList<>();
        Date at = Date.from(start);
        while (fires.size() < CronCorpus.FIRES_PER_CASE) {
            at = quartz.getNextValidTimeAfter(at);
            if (at == null || at.toInstant().isAfter(horizon)) {
                break;
            }
            fires.add(at.toInstant());
        }
        return fires;
    }
}
