package com.jobladder.internal.cron;

import com.cronutils.model.time.ExecutionTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The wall-clock date-times an expression matches, with no time zone: cron-utils' ExecutionTime
 * evaluated in UTC, where no offset ever changes, corrected where cron-utils 9.2.1 reads an
 * expression differently from the cron it imitates. cron-utils then matches a looser expression
 * and a {@link DayRule} narrows its days:
 * <ul>
 *   <li>Unix day fields: cron (Vixie cron, cronie) ANDs day-of-month and day-of-week when either
 *       field starts with {@code *}, and ORs them only when both are restricted; cron-utils ORs
 *       {@code *}{@code /2} with {@code 0} ({@code 0 2 *}{@code /2 * 0} fires on every odd day or
 *       Sunday instead of odd Sundays);</li>
 *   <li>Quartz {@code nW}: see {@link NearestWeekdays}.</li>
 * </ul>
 * Quartz ranges that wrap are spelt out before cron-utils parses them ({@link WrappingRanges}).
 */
final class WallClock {
    /** Gregorian dates repeat every 400 years: a day rule that matched nothing in that time never will. */
    static final long HORIZON_YEARS = 400;

    /** The days an expression allows beyond what cron-utils checks. */
    @FunctionalInterface
    interface DayRule {
        DayRule ANY = date -> date;

        /** The first allowed day on or after {@code date}, or null when there is none. */
        LocalDate firstFrom(LocalDate date);
    }

    private final ExecutionTime times;
    private final DayRule day;

    private WallClock(ExecutionTime times, DayRule day) {
        this.times = times;
        this.day = day;
    }

    static WallClock of(CronSyntax syntax, String expression) {
        String[] fields = CronExpressions.prepare(syntax, expression).split("\\s+");
        if (syntax == CronSyntax.UNIX && cronAndsTheDayFields(fields[2], fields[4])) {
            ExecutionTime weekdays = executionTime(syntax, new String[] {"0", "0", "*", "*", fields[4]});
            fields[4] = "*";
            return new WallClock(executionTime(syntax, fields), date -> {
                for (int i = 0; i < 7; i++) {
                    if (weekdays.isMatch(date.plusDays(i).atStartOfDay(ZoneOffset.UTC))) {
                        return date.plusDays(i);
                    }
                }
                return null;
            });
        }
        if (syntax == CronSyntax.QUARTZ) {
            Optional<NearestWeekdays> nearest = NearestWeekdays.parse(fields[3]);
            if (nearest.isPresent()) {
                fields[3] = "*";
                return new WallClock(executionTime(syntax, fields), nearest.get()::firstFrom);
            }
        }
        return new WallClock(executionTime(syntax, fields), DayRule.ANY);
    }

    /**
     * True where cron needs a day to match both fields but cron-utils would accept either: one field
     * starts with {@code *} and neither is a plain {@code *} (which cron-utils handles like cron).
     */
    private static boolean cronAndsTheDayFields(String dayOfMonth, String dayOfWeek) {
        return (dayOfMonth.startsWith("*") || dayOfWeek.startsWith("*"))
                && !"*".equals(dayOfMonth)
                && !"*".equals(dayOfWeek);
    }

    private static ExecutionTime executionTime(CronSyntax syntax, String[] fields) {
        return ExecutionTime.forCron(CronExpressions.parse(syntax, String.join(" ", fields)));
    }

    /** The first matching wall-clock time strictly after {@code after}, or empty when none is left. */
    Optional<LocalDateTime> next(LocalDateTime after) {
        LocalDateTime at = after.truncatedTo(ChronoUnit.SECONDS);
        LocalDate giveUp = after.toLocalDate().plusYears(HORIZON_YEARS);
        while (true) {
            Optional<ZonedDateTime> candidate = times.nextExecution(at.atZone(ZoneOffset.UTC));
            if (candidate.isEmpty() || candidate.get().toLocalDate().isAfter(giveUp)) {
                return Optional.empty();
            }
            LocalDateTime wall = candidate.get().toLocalDateTime();
            LocalDate allowed = day.firstFrom(wall.toLocalDate());
            if (allowed == null) {
                return Optional.empty();
            }
            if (allowed.equals(wall.toLocalDate())) {
                return Optional.of(wall);
            }
            at = allowed.atStartOfDay().minusSeconds(1);
        }
    }
}
