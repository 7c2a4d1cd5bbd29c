package com.jobladder.api;

import java.util.regex.Pattern;

/** Job types are routing-key words: the rule lives here, once. */
public final class JobTypes {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]+");

    private JobTypes() {
    }

    /** Returns the type unchanged, or throws saying what a job type may contain. */
    public static String requireValid(String type) {
        if (type == null || type.isEmpty()) {
            throw new InvalidRequestException("job type is empty: expected 1 to " + JobLimits.MAX_TYPE_LENGTH
                    + " characters of [a-z0-9_-], for example \"send-email\"");
        }
        if (type.length() > JobLimits.MAX_TYPE_LENGTH || !VALID.matcher(type).matches()) {
            throw new InvalidRequestException("job type \"" + type + "\" is invalid: expected 1 to "
                    + JobLimits.MAX_TYPE_LENGTH + " characters of [a-z0-9_-] (lower-case letters, digits, '_' and '-'),"
                    + " for example \"send-email\"");
        }
        return type;
    }
}
