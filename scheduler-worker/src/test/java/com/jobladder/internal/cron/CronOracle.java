package com.jobladder.internal.cron;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A second, independent reading of cron expressions, to check FireTimes against: its own parser and
 * matcher, sharing no code with cron-utils nor with FireTimes. It walks instants in UTC, every minute
 * (unix) or every second (quartz), offset segment by offset segment of the zone's rules, matches the
 * wall time of each instant field by field and applies cron's DST rule (docs/cron.md). To stay fast
 * it steps over a whole wall-clock day, hour or minute whose field does not match, never over one
 * that could.
 */
final class CronOracle {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly",
            "0 0 1 1 *",
            "@annually",
            "0 0 1 1 *",
            "@monthly",
            "0 0 1 * *",
            "@weekly",
            "0 0 * * 0",
            "@daily",
            "0 0 * * *",
            "@midnight",
            "0 0 * * *",
            "@hourly",
            "0 * * * *");
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final boolean quartz;
    private final boolean[] seconds;
    private final boolean[] minutes;
    private final boolean[] hours;
    private final boolean[] months;
    private final Predicate<LocalDate> days;
    private final Predicate<Integer> years;
    private final boolean fixedTime;

    private CronOracle(
            boolean quartz,
            boolean[] seconds,
            boolean[] minutes,
            boolean[] hours,
            boolean[] months,
            Predicate<LocalDate> days,
            Predicate<Integer> years,
            boolean fixedTime) {
        this.quartz = quartz;
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.days = days;
        this.years = years;
        this.fixedTime = fixedTime;
    }

    static CronOracle of(CronSyntax syntax, String expression) {
        return syntax == CronSyntax.UNIX ? unix(expression) : quartz(expression);
    }

    private static CronOracle unix(String expression) {
        String text = MACROS.getOrDefault(expression.trim().toLowerCase(Locale.ROOT), expression.trim());
        String[] f = text.split("\\s+");
        boolean[] dom = values(f[2], 1, 31, null, false);
        boolean[] dow = values(f[4], 0, 7, DAYS, false);
        dow[0] |= dow[7];
        boolean both = f[2].startsWith("*") || f[4].startsWith("*");
        Predicate<LocalDate> days = date -> {
            boolean d = dom[date.getDayOfMonth()];
            boolean w = dow[date.getDayOfWeek().getValue() % 7];
            return both ? d && w : d || w;
        };
        boolean[] everySecond = new boolean[60];
        everySecond[0] = true;
        return new CronOracle(
                false,
                everySecond,
                values(f[0], 0, 59, null, false),
                values(f[1], 0, 23, null, false),
                values(f[3], 1, 12, MONTHS, false),
                days,
                year -> true,
                noWildcard(f[0]) && noWildcard(f[1]));
    }

    private static CronOracle quartz(String expression) {
        String[] f = expression.trim().split("\\s+");
        Predicate<LocalDate> days = "?".equals(f[3]) ? dayOfWeek(f[5]) : dayOfMonth(f[3]);
        Predicate<Integer> years = year -> true;
        if (f.length == 7) {
            boolean[] set = values(f[6], 1970, 2199, null, false);
            years = year -> year < set.length && set[year];
        }
        return new CronOracle(
                true,
                values(f[0], 0, 59, null, true),
                values(f[1], 0, 59, null, true),
                values(f[2], 0, 23, null, true),
                values(f[4], 1, 12, MONTHS, true),
                days,
                years,
                noWildcard(f[0]) && noWildcard(f[1]) && noWildcard(f[2]));
    }

    private static boolean noWildcard(String field) {
        return !field.contains("*") && !field.contains("/");
    }

    private static Predicate<LocalDate> dayOfMonth(String field) {
        if ("L".equals(field)) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (field.startsWith("L-")) {
            int back = Integer.parseInt(field.substring(2));
            return date -> date.getDayOfMonth() == date.lengthOfMonth() - back;
        }
        if ("LW".equals(field)) {
            return date -> {
                LocalDate last = date.with(TemporalAdjusters.lastDayOfMonth());
                while (last.getDayOfWeek().getValue() > 5) {
                    last = last.minusDays(1);
                }
                return date.equals(last);
            };
        }
        if (field.endsWith("W")) {
            List<Integer> wanted = new ArrayList<>();
            for (String element : field.split(",")) {
                wanted.add(Integer.parseInt(element.substring(0, element.length() - 1)));
            }
            return date -> wanted.stream().anyMatch(n -> date.equals(nearestWeekday(date, n)));
        }
        boolean[] set = values(field, 1, 31, null, true);
        return date -> set[date.getDayOfMonth()];
    }

    /** The weekday nearest to day n of the date's month, staying in the month; null when there is no day n. */
    private static LocalDate nearestWeekday(LocalDate date, int n) {
        if (n > date.lengthOfMonth()) {
            return null;
        }
        LocalDate day = date.withDayOfMonth(n);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return n > 1 ? day.minusDays(1) : day.plusDays(2);
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return n < date.lengthOfMonth() ? day.plusDays(1) : day.minusDays(2);
        }
        return day;
    }

    private static Predicate<LocalDate> dayOfWeek(String field) {
        if (field.matches("\\w+L")) {
            int weekday = quartzWeekday(field.substring(0, field.length() - 1));
            return date -> quartzWeekday(date) == weekday && date.plusDays(7).getMonth() != date.getMonth();
        }
        if (field.contains("#")) {
            int weekday = quartzWeekday(field.substring(0, field.indexOf('#')));
            int nth = Integer.parseInt(field.substring(field.indexOf('#') + 1));
            return date -> quartzWeekday(date) == weekday && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        boolean[] set = values("L".equals(field) ? "7" : field, 1, 7, DAYS, true);
        return date -> set[quartzWeekday(date)];
    }

    private static int quartzWeekday(String token) {
        return token.matches("\\d+") ? Integer.parseInt(token) : indexOf(DAYS, token) + 1;
    }

    /** Quartz numbers the days 1 (Sunday) to 7 (Saturday). */
    private static int quartzWeekday(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /**
     * The values a plain field allows: lists of {@code *}, {@code a}, {@code a-b}, each with an optional
     * {@code /step}; Quartz also has {@code a/step} (a up to the maximum) and ranges that wrap round.
     */
    private static boolean[] values(String field, int min, int max, String[] names, boolean quartz) {
        boolean[] set = new boolean[max + 1];
        for (String element : field.split(",")) {
            String[] stepped = element.split("/");
            int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
            String base = stepped[0];
            int start;
            int end;
            if ("*".equals(base) || "?".equals(base)) {
                start = min;
                end = max;
            } else if (base.contains("-")) {
                start = number(base.substring(0, base.indexOf('-')), names, min);
                end = number(base.substring(base.indexOf('-') + 1), names, min);
            } else {
                start = number(base, names, min);
                end = stepped.length == 2 ? max : start;
            }
            if (end < start && !quartz) {
                throw new IllegalArgumentException("unix ranges do not wrap: " + element);
            }
            int size = max - min + 1;
            int last = end < start ? end + size : end;
            for (int v = start; v <= last; v += step) {
                set[min + (v - min) % size] = true;
            }
        }
        return set;
    }

    private static int number(String token, String[] names, int min) {
        if (token.matches("\\d+")) {
            return Integer.parseInt(token);
        }
        return indexOf(names, token) + (names == MONTHS ? 1 : min);
    }

    private static int indexOf(String[] names, String token) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(token)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown name " + token);
    }

    boolean matches(LocalDateTime wall) {
        return dateMatches(wall.toLocalDate())
                && hours[wall.getHour()]
                && minutes[wall.getMinute()]
                && seconds[wall.getSecond()];
    }

    private boolean dateMatches(LocalDate date) {
        return years.test(date.getYear()) && months[date.getMonthValue()] && days.test(date);
    }

    /** Up to {@code count} fires strictly after {@code after} and not after {@code horizon}. */
    List<Instant> fires(ZoneId zone, Instant after, int count, Instant horizon) {
        ZoneRules rules = zone.getRules();
        long step = quartz ? 1 : 60;
        long t = (Math.floorDiv(after.getEpochSecond(), step) + 1) * step;
        List<Instant> fires = new ArrayList<>();
        while (fires.size() < count && t <= horizon.getEpochSecond()) {
            Instant at = Instant.ofEpochSecond(t);
            ZoneOffset offset = rules.getOffset(at);
            ZoneOffsetTransition entered = rules.previousTransition(at.plusNanos(1));
            ZoneOffsetTransition leaving = rules.nextTransition(at);
            long end = leaving == null ? Long.MAX_VALUE : leaving.getInstant().getEpochSecond();
            if (fixedTime
                    && entered != null
                    && entered.isGap()
                    && entered.getInstant().equals(at)
                    && at.isAfter(after)
                    && gapMatches(entered)) {
                fires.add(at);
            }
            while (t < end && fires.size() < count && t <= horizon.getEpochSecond()) {
                LocalDateTime wall = LocalDateTime.ofEpochSecond(t, 0, offset);
                long skip;
                if (!dateMatches(wall.toLocalDate())) {
                    skip = ChronoUnit.SECONDS.between(
                            wall, wall.toLocalDate().plusDays(1).atStartOfDay());
                } else if (!hours[wall.getHour()]) {
                    skip = ChronoUnit.SECONDS.between(
                            wall, wall.truncatedTo(ChronoUnit.HOURS).plusHours(1));
                } else if (!minutes[wall.getMinute()]) {
                    skip = ChronoUnit.SECONDS.between(
                            wall, wall.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
                } else {
                    boolean repeated = fixedTime
                            && entered != null
                            && entered.isOverlap()
                            && wall.isBefore(entered.getDateTimeBefore());
                    if (seconds[wall.getSecond()] && !repeated && !fires.contains(Instant.ofEpochSecond(t))) {
                        fires.add(Instant.ofEpochSecond(t));
                    }
                    skip = step;
                }
                t = Math.min(t + skip, end);
            }
        }
        return fires;
    }

    private boolean gapMatches(ZoneOffsetTransition gap) {
        for (LocalDateTime wall = gap.getDateTimeBefore();
                wall.isBefore(gap.getDateTimeAfter());
                wall = wall.plusSeconds(quartz ? 1 : 60)) {
            if (matches(wall)) {
                return true;
            }
        }
        return false;
    }
}
