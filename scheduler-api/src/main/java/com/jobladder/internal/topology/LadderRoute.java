package com.jobladder.internal.topology;

import java.time.Duration;
import java.util.StringJoiner;

/**
 * Where a job with a given remaining delay enters the ladder. The routing key is the delay's
 * digits, most significant first, as decimal topic words, then the job type:
 * {@code 0.0.3.0.14.send-email}. A delay beyond the ladder's top is capped at its maximum;
 * the worker sends the job round again for the remainder.
 *
 * @param digits   the delay in base radix, index 0 = level 0 (least significant)
 * @param capped   true when the delay exceeded the ladder's top and was cut to it
 */
public record LadderRoute(int[] digits, String type, boolean capped) {

    /**
     * The route for a job due in {@code delay}. Without a window and lead the delay is rounded
     * up to whole units, so that a job never leaves the ladder before it is due. With the final
     * approach the ladder aims at {@code delay - lead}: when less than the window remains the
     * job goes straight to its worker queue, otherwise the aim is rounded down to whole windows
     * (the digits below the window's level are zero), so the job arrives between lead and
     * lead + window early (a window of 0 counts as one unit here) and the worker holds it until
     * it is due. Rounding down is what keeps routing from ever making a job late.
     */
    public static LadderRoute of(LadderSpec spec, Duration delay, String type) {
        long max = spec.weight(spec.levels()) - 1;
        Duration aim = delay.minus(spec.lead());
        long units;
        if (spec.window().isZero() && spec.lead().isZero()) {
            long millis = aim.isNegative() ? 0 : aim.toMillis() + (aim.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
            units = (millis + spec.unitMillis() - 1) / spec.unitMillis();
        } else if (aim.compareTo(spec.window()) < 0) {
            units = 0;
        } else {
            long window = spec.weight(spec.windowLevels());
            units = aim.toMillis() / spec.unitMillis() / window * window;
            max = max / window * window;
        }
        boolean capped = units > max;
        long rest = Math.min(units, max);
        int[] digits = new int[spec.levels()];
        for (int level = 0; level < spec.levels(); level++) {
            digits[level] = (int) (rest % spec.radix());
            rest /= spec.radix();
        }
        return new LadderRoute(digits, type, capped);
    }

    /** Parses a routing key made by {@link #routingKey()}. */
    public static LadderRoute parse(LadderSpec spec, String routingKey) {
        String[] words = routingKey.split("\\.");
        if (words.length != spec.levels() + 1) {
            throw new IllegalArgumentException("routing key \"" + routingKey + "\" has " + words.length
                    + " words; expected " + spec.levels() + " digits and a job type");
        }
        int[] digits = new int[spec.levels()];
        for (int i = 0; i < spec.levels(); i++) {
            int digit = Integer.parseInt(words[i]);
            if (digit < 0 || digit >= spec.radix()) {
                throw new IllegalArgumentException(
                        "routing key \"" + routingKey + "\": digit " + digit + " is outside base " + spec.radix());
            }
            digits[spec.levels() - 1 - i] = digit;
        }
        return new LadderRoute(digits, words[spec.levels()], false);
    }

    public String routingKey() {
        StringJoiner key = new StringJoiner(".");
        for (int level = digits.length - 1; level >= 0; level--) {
            key.add(Integer.toString(digits[level]));
        }
        return key.add(type).toString();
    }

    /** The highest level with a non-zero digit, or -1 when the job is due now. */
    public int topLevel() {
        for (int level = digits.length - 1; level >= 0; level--) {
            if (digits[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    /** Dead-letter hops the job makes: one per non-zero digit. */
    public int hops() {
        int hops = 0;
        for (int digit : digits) {
            if (digit != 0) {
                hops++;
            }
        }
        return hops;
    }

    /** The sum of the TTLs of the queues this route passes through. */
    public Duration totalDelay(LadderSpec spec) {
        long millis = 0;
        for (int level = 0; level < digits.length; level++) {
            millis += spec.ttlMillis(level, digits[level]);
        }
        return Duration.ofMillis(millis);
    }
}
