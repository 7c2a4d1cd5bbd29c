package com.jobladder.api;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Job ids: caller-supplied idempotency keys are checked here, generated ids are UUIDv7
 * (RFC 9562), whose leading 48 bits are the creation time in milliseconds, so ids sort by time.
 */
public final class JobIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9@:._+-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {}

    /**
     * A new UUIDv7 job id, unique with overwhelming probability. Thread-safe.
     *
     * @param now the creation time its leading bits carry
     * @return the id in the canonical 36-character form, for example
     *         {@code 0194b5e2-7a40-7c1e-9f3a-2b8d4c6e8a10}
     */
    public static String generate(Instant now) {
        long random = RANDOM.nextLong();
        long msb = (now.toEpochMilli() << 16) | 0x7000L | (random & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * Checks a job id given by a caller.
     *
     * @param jobId the id: 1 to {@link JobLimits#MAX_JOB_ID_LENGTH} characters of letters, digits and {@code @:._+-}
     * @return {@code jobId}, unchanged
     * @throws InvalidRequestException saying what a job id may contain, when it is null, empty, too long or
     *                                 holds another character
     */
    public static String requireValid(String jobId) {
        if (jobId == null
                || jobId.isEmpty()
                || jobId.length() > JobLimits.MAX_JOB_ID_LENGTH
                || !VALID.matcher(jobId).matches()) {
            throw new InvalidRequestException(
                    "job id \"" + jobId + "\" is invalid: expected 1 to " + JobLimits.MAX_JOB_ID_LENGTH
                            + " characters of letters, digits and @:._+-, for example \"invoice-42\"");
        }
        return jobId;
    }
}
