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

    private JobIds() {
    }

    public static String generate(Instant now) {
        long random = RANDOM.nextLong();
        long msb = (now.toEpochMilli() << 16) | 0x7000L | (random & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public static String requireValid(String jobId) {
        if (jobId == null || jobId.isEmpty() || jobId.length() > JobLimits.MAX_JOB_ID_LENGTH || !VALID.matcher(jobId).matches()) {
            throw new InvalidRequestException("job id \"" + jobId + "\" is invalid: expected 1 to " + JobLimits.MAX_JOB_ID_LENGTH
                    + " characters of letters, digits and @:._+-, for example \"invoice-42\"");
        }
        return jobId;
    }
}
