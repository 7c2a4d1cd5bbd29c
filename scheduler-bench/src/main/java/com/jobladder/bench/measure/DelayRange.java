package com.jobladder.bench.measure;

import java.time.Duration;

/**
 * Jobs' delays, uniform from {@code min} to {@code max} after submission: a parameter of the
 * schedulers scenario printed beside every figure, since short delays load a scheduler
 * differently from long ones at the same offered rate. Written {@code 1-60} (seconds).
 */
public record DelayRange(Duration min, Duration max) {
    public DelayRange {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay range " + min.toMillis() + "-" + max.toMillis()
                    + " ms is invalid: expected 0 <= min <= max");
        }
    }

    /** Parses {@code MIN-MAX} in seconds, e.g. {@code 1-10} or {@code 0.5-3}. */
    public static DelayRange parse(String text) {
        String[] parts = text.trim().split("-");
        try {
            if (parts.length == 2) {
                return new DelayRange(seconds(parts[0]), seconds(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException(
                "delay range \"" + text + "\" is invalid: expected MIN-MAX in seconds, e.g. 1-10 (--delays 1-10,1-60)");
    }

    private static Duration seconds(String text) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
    }

    /** max - min: how long after the first submission the last delay's jobs start falling due. */
    public Duration spread() {
        return max.minus(min);
    }

    /** {@code 1-60}, in seconds, as in the option and the tables. */
    @Override
    public String toString() {
        return format(min) + "-" + format(max);
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }
}
