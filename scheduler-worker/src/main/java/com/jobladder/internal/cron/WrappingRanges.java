package com.jobladder.internal.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spells out Quartz ranges that wrap round, such as hours {@code 22-2} (22, 23, 0, 1, 2) or months
 * {@code NOV-FEB}, as plain lists. Quartz reads a range whose start is above its end that way, in
 * every field but the year; cron-utils 9.2.1 keeps only the start of such a range in seconds,
 * minutes, hours, days of month and months ({@code 0 0 22-2 * * ?} fires at 22:00 only). A step
 * counts on across the wrap, as in Quartz: {@code 22-2/3} is 22 and 1. A year range cannot wrap and
 * is refused, as Quartz refuses it.
 */
final class WrappingRanges {
    private static final Pattern RANGE = Pattern.compile("([A-Za-z0-9]+)-([A-Za-z0-9]+)(?:/(\\d+))?");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Lowest and highest value of the Quartz fields in order: second, minute, hour, day of month, month, day of week. */
    private static final int[][] BOUNDS = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}};

    private static final int YEAR = 6;

    private WrappingRanges() {}

    /** The Quartz expression with every wrapping range replaced by the list of values it stands for. */
    static String unwrap(String expression) {
        String[] fields = expression.trim().split("\\s+");
        for (int i = 0; i < fields.length; i++) {
            fields[i] = unwrapField(i, fields[i]);
        }
        return String.join(" ", fields);
    }

    private static String unwrapField(int index, String field) {
        List<String> parts = new ArrayList<>();
        for (String element : field.split(",", -1)) {
            parts.add(unwrapElement(index, field, element));
        }
        return String.join(",", parts);
    }

    private static String unwrapElement(int index, String field, String element) {
        Matcher range = RANGE.matcher(element);
        if (!range.matches()) {
            return element;
        }
        if (index == YEAR) {
            if (isNumber(range.group(1))
                    && isNumber(range.group(2))
                    && Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(2))) {
                throw new IllegalArgumentException("field 7 (year) \"" + field + "\" has the range " + element
                        + " that runs backwards: years cannot wrap round; write it from the lower year up, as in "
                        + range.group(2) + "-" + range.group(1));
            }
            return element;
        }
        if (index >= BOUNDS.length) {
            return element;
        }
        int min = BOUNDS[index][0];
        int max = BOUNDS[index][1];
        Integer start = value(index, range.group(1));
        Integer end = value(index, range.group(2));
        if (start == null || end == null || start <= end || start > max || end < min) {
            return element;
        }
        int step = range.group(3) == null ? 1 : Integer.parseInt(range.group(3));
        if (step < 1) {
            return element;
        }
        int size = max - min + 1;
        List<String> values = new ArrayList<>();
        for (int v = start; v <= end + size; v += step) {
            values.add(Integer.toString(min + (v - min) % size));
        }
        return String.join(",", values);
    }

    private static Integer value(int index, String token) {
        if (isNumber(token)) {
            return Integer.parseInt(token);
        }
        String name = token.toUpperCase(Locale.ROOT);
        List<String> names = index == 4 ? MONTHS : index == 5 ? DAYS : List.of();
        int at = names.indexOf(name);
        return at < 0 ? null : at + 1;
    }

    private static boolean isNumber(String token) {
        return token.chars().allMatch(Character::isDigit) && token.length() <= 4;
    }
}
