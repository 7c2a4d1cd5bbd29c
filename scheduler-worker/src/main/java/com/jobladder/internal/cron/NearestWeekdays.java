package com.jobladder.internal.cron;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Quartz's {@code nW} days of month: the weekday nearest to day n, never outside the month (a
 * Saturday the 1st moves to Monday the 3rd, a Sunday on the last day to Friday). cron-utils 9.2.1
 * leaves the month's last day where it is when it falls on a Sunday ({@code 0 0 2 28W 2 ?} fires on
 * Sunday 28 February 2027 instead of Friday the 26th), so FireTimes decides these days itself.
 * A month without day n has no fire, as in Quartz ({@code 31W} skips April).
 */
final class NearestWeekdays {
    private static final Pattern DAY_W = Pattern.compile("\\d{1,2}W");

    private final List<Integer> days;

    private NearestWeekdays(List<Integer> days) {
        this.days = days;
    }

    /**
     * The nW days of a Quartz day-of-month field, or empty when it has none. A list must be all nW
     * ({@code 1W,15W}): Quartz gives no clear meaning to nW mixed with plain days, so that is refused.
     */
    static Optional<NearestWeekdays> parse(String dayOfMonth) {
        String[] elements = dayOfMonth.split(",");
        List<Integer> days = new ArrayList<>();
        for (String element : elements) {
            if (DAY_W.matcher(element).matches()) {
                days.add(Integer.parseInt(element.substring(0, element.length() - 1)));
            }
        }
        if (days.isEmpty()) {
            return Optional.empty();
        }
        if (days.size() != elements.length) {
            throw new IllegalArgumentException("field 4 (day-of-month) \"" + dayOfMonth + "\" mixes nW days with other"
                    + " days: expected only nW days, as in 1W,15W, or no W at all");
        }
        return Optional.of(new NearestWeekdays(List.copyOf(days)));
    }

    /** The first of these days on or after {@code date}, or null when none comes in 400 years. */
    LocalDate firstFrom(LocalDate date) {
        YearMonth month = YearMonth.from(date);
        for (int i = 0; i < WallClock.HORIZON_YEARS * 12; i++, month = month.plusMonths(1)) {
            LocalDate first = null;
            for (int day : days) {
                LocalDate weekday = nearestWeekday(month, day);
                if (weekday != null && !weekday.isBefore(date) && (first == null || weekday.isBefore(first))) {
                    first = weekday;
                }
            }
            if (first != null) {
                return first;
            }
        }
        return null;
    }

    private static LocalDate nearestWeekday(YearMonth month, int day) {
        if (day > month.lengthOfMonth()) {
            return null;
        }
        LocalDate date = month.atDay(day);
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return day == 1 ? date.plusDays(2) : date.minusDays(1);
        }
        if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return day == month.lengthOfMonth() ? date.minusDays(2) : date.plusDays(1);
        }
        return date;
    }
}
