package com.jobladder.api;

import java.util.regex.Pattern;

/**
 * The rule for job type names, in one place: a type is a routing-key word of lower-case letters,
 * digits, {@code _} and {@code -}, such as {@code send-email}.
 */
public final class JobTypes {
    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]+");

    private JobTypes() {}

    /**
     * Checks a job type name.
     *
     * @param type 1 to {@link JobLimits#MAX_TYPE_LENGTH} characters of {@code [a-z0-9_-]}
     * @return {@code type}, unchanged
     * @throws InvalidRequestException saying what a job type may contain, when it is null, empty, too long or
     *                                 holds another character
     */
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
