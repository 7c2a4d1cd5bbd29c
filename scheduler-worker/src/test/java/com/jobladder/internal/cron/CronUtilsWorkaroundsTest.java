package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where cron-utils 9.2.1 reads an expression unlike the cron it imitates, and what FireTimes does instead. */
class CronUtilsWorkaroundsTest {
    private static final Instant FROM = Instant.parse("2027-02-01T00:00:00Z");

    @Test
    void cron_utils_ors_a_starred_day_of_month_with_a_day_of_week_where_cron_ands_them() {
        assertThat(cronUtils(CronType.UNIX, "0 2 */2 * 0", 4))
                .isEqualTo(instants(
                        "2027-02-01T02:00:00Z",
                        "2027-02-03T02:00:00Z",
                        "2027-02-05T02:00:00Z",
                        "2027-02-07T02:00:00Z"));
        // Odd days that are Sundays: 7 and 21 February, 7 and 21 March 2027.
        assertThat(ours(CronSyntax.UNIX, "0 2 */2 * 0", 4))
                .isEqualTo(instants(
                        "2027-02-07T02:00:00Z",
                        "2027-02-21T02:00:00Z",
                        "2027-03-07T02:00:00Z",
                        "2027-03-21T02:00:00Z"));
        // Both fields restricted: either one will do, in cron and in cron-utils alike.
        assertThat(ours(CronSyntax.UNIX, "0 2 1,15 * 1", 3))
                .isEqualTo(instants("2027-02-01T02:00:00Z", "2027-02-08T02:00:00Z", "2027-02-15T02:00:00Z"));
    }

    @Test
    void cron_utils_keeps_only_the_start_of_a_quartz_range_that_wraps() {
        assertThat(cronUtils(CronType.QUARTZ, "0 0 22-2 * * ?", 2))
                .isEqualTo(instants("2027-02-01T22:00:00Z", "2027-02-02T22:00:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 0 22-2 * * ?", 5))
                .isEqualTo(instants(
                        "2027-02-01T01:00:00Z",
                        "2027-02-01T02:00:00Z",
                        "2027-02-01T22:00:00Z",
                        "2027-02-01T23:00:00Z",
                        "2027-02-02T00:00:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 0 22-2/3 * * ?", 3))
                .isEqualTo(instants("2027-02-01T01:00:00Z", "2027-02-01T22:00:00Z", "2027-02-02T01:00:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 50-10/15 3 * * ?", 3))
                .isEqualTo(instants("2027-02-01T03:05:00Z", "2027-02-01T03:50:00Z", "2027-02-02T03:05:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 0 2 1 NOV-FEB ?", 3))
                .isEqualTo(instants("2027-02-01T02:00:00Z", "2027-11-01T02:00:00Z", "2027-12-01T02:00:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 0 2 30-1 * ?", 3))
                .isEqualTo(instants("2027-02-01T02:00:00Z", "2027-03-01T02:00:00Z", "2027-03-30T02:00:00Z"));
        assertThat(ours(CronSyntax.QUARTZ, "0 0 2 ? * FRI-MON", 3))
                .isEqualTo(instants("2027-02-01T02:00:00Z", "2027-02-05T02:00:00Z", "2027-02-06T02:00:00Z"));
    }

    @Test
    void ranges_that_cannot_wrap_are_refused_with_the_way_to_write_them() {
        assertThatThrownBy(() -> CronExpressions.parse(CronSyntax.QUARTZ, "0 0 2 1 1 ? 2030-2028"))
                .hasMessage("field 7 (year) \"2030-2028\" has the range 2030-2028 that runs backwards: years cannot"
                        + " wrap round; write it from the lower year up, as in 2028-2030");
        assertThatThrownBy(() -> CronExpressions.parse(CronSyntax.UNIX, "0 22-2 * * *"))
                .hasMessage("field 2 (hour) \"22-2\" is invalid: Invalid range! [22,2]: a unix range runs from low to"
                        + " high and cannot wrap round; split it, as in 22-23,0-2");
    }

    @Test
    void cron_utils_lets_a_sunday_month_end_stand_for_its_nearest_weekday() {
        assertThat(cronUtils(CronType.QUARTZ, "0 0 2 28W 2 ?", 1)).isEqualTo(instants("2027-02-28T02:00:00Z"));
        // Sunday 28 February 2027: the nearest weekday within the month is Friday the 26th.
        assertThat(ours(CronSyntax.QUARTZ, "0 0 2 28W 2 ?", 2))
                .isEqualTo(instants("2027-02-26T02:00:00Z", "2028-02-28T02:00:00Z"));
        // Saturday 1 May 2027 moves forward to Monday the 3rd, not back into April.
        assertThat(ours(CronSyntax.QUARTZ, "0 0 2 1W 5 ?", 1)).isEqualTo(instants("2027-05-03T02:00:00Z"));
        assertThatThrownBy(() -> CronExpressions.parse(CronSyntax.QUARTZ, "0 0 2 1W,15 * ?"))
                .hasMessageContaining("mixes nW days with other days");
    }

    @Test
    void a_nearest_weekday_to_a_day_the_month_never_has_never_fires() {
        long began = System.nanoTime();
        assertThat(FireTimes.of(CronSchedule.of(
                                "w", "0 0 2 30W 2 ?", CronSyntax.QUARTZ, ZoneId.of("Europe/Berlin"), "w"))
                        .next(FROM))
                .isEmpty();
        assertThat(System.nanoTime() - began).as("nanoseconds to find out").isLessThan(2_000_000_000L);
    }

    private static List<Instant> cronUtils(CronType type, String expression, int count) {
        ExecutionTime times = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression));
        List<Instant> fires = new ArrayList<>();
        ZonedDateTime at = FROM.atZone(ZoneOffset.UTC);
        while (fires.size() < count) {
            at = times.nextExecution(at).orElseThrow();
            fires.add(at.toInstant());
        }
        return fires;
    }

    private static List<Instant> ours(CronSyntax syntax, String expression, int count) {
        FireTimes times = FireTimes.of(CronSchedule.of("w", expression, syntax, ZoneId.of("UTC"), "w"));
        return times.between(FROM, Instant.parse("2099-01-01T00:00:00Z"), count);
    }

    private static List<Instant> instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toList();
    }
}
