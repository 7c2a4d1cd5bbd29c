package com.jobladder.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A delayed exchange the relay declares: producers publish to {@code name} with {@code x-delay},
 * the relay publishes to {@code target} when the delay is over. Its messages wait in the ladder
 * as jobs of {@link #jobType()}, whose settings ({@code jobladder.job-types.<type>}) apply.
 */
public record DelayedExchange(String name, String target) {
    /** The prefix of every relay job type; the rest is the delayed exchange's name made a job type. */
    public static final String TYPE_PREFIX = "relay-";

    private static final Pattern NOT_IN_A_TYPE = Pattern.compile("[^a-z0-9_-]");

    /** The job type its messages travel as: {@code relay-} and the name, lower case, other characters as '-'. */
    public String jobType() {
        return TYPE_PREFIX
                + NOT_IN_A_TYPE.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    }
}
