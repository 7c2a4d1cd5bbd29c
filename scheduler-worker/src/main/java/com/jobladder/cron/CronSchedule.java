package com.jobladder.cron;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.JobTypes;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named entry of {@code conf/schedules.conf}, validated on construction: a schedule that
 * exists is one the leader can fire.
 *
 * @param cron             the expression as written (a macro stays a macro)
 * @param payload          the job's payload as text, sent as UTF-8
 * @param misfireCap       with {@link MisfirePolicy#FIRE_ALL}, the most missed occurrences fired at once
 * @param misfireThreshold a fire late by less than this is fired normally, not treated as missed
 */
public record CronSchedule(String name, String cron, CronSyntax syntax, ZoneId zone, String jobType, String payload,
                           String contentType, MisfirePolicy misfire, int misfireCap, Duration misfireThreshold,
                           OverlapPolicy overlap, boolean enabled) {
    public static final String DEFAULT_PAYLOAD = "";
    public static final String DEFAULT_CONTENT_TYPE = ContentTypes.TEXT;
    public static final MisfirePolicy DEFAULT_MISFIRE = MisfirePolicy.FIRE_ONCE_NOW;
    public static final int DEFAULT_MISFIRE_CAP = 10;
    public static final int MAX_MISFIRE_CAP = 1000;
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofMinutes(1);
    public static final OverlapPolicy DEFAULT_OVERLAP = OverlapPolicy.ALLOW;
    /** Room is left in a job id (at most 200 characters) for "@" and the fire time. */
    public static final int MAX_NAME_LENGTH = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public CronSchedule {
        Objects.requireNonNull(name, "name");
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schedule name \"" + name + "\" is invalid: expected 1 to "
                    + MAX_NAME_LENGTH + " characters of letters, digits, '_' and '-' (it starts the job id"
                    + " name@fire-time)");
        }
        Objects.requireNonNull(syntax, "syntax");
        CronExpressions.parse(syntax, cron);
        Objects.requireNonNull(zone, "zone");
        JobTypes.requireValid(jobType);
        Objects.requireNonNull(payload, "payload");
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("content type is empty: expected a MIME type such as application/json");
        }
        Objects.requireNonNull(misfire, "misfire");
        if (misfireCap < 1 || misfireCap > MAX_MISFIRE_CAP) {
            throw new IllegalArgumentException("misfire cap " + misfireCap + " is invalid: expected an integer from 1 to "
                    + MAX_MISFIRE_CAP);
        }
        if (misfireThreshold == null || misfireThreshold.isNegative()) {
            throw new IllegalArgumentException("misfire threshold " + misfireThreshold
                    + " is invalid: expected a duration of zero or more such as 1m");
        }
        Objects.requireNonNull(overlap, "overlap");
    }

    /** A schedule with every optional setting at its default, for tests and embedding. */
    public static CronSchedule of(String name, String cron, CronSyntax syntax, ZoneId zone, String jobType) {
        return new CronSchedule(name, cron, syntax, zone, jobType, DEFAULT_PAYLOAD, DEFAULT_CONTENT_TYPE,
                DEFAULT_MISFIRE, DEFAULT_MISFIRE_CAP, DEFAULT_MISFIRE_THRESHOLD, DEFAULT_OVERLAP, true);
    }

    public CronSchedule withMisfire(MisfirePolicy policy, int cap, Duration threshold) {
        return new CronSchedule(name, cron, syntax, zone, jobType, payload, contentType, policy, cap, threshold,
                overlap, enabled);
    }

    public CronSchedule withEnabled(boolean on) {
        return new CronSchedule(name, cron, syntax, zone, jobType, payload, contentType, misfire, misfireCap,
                misfireThreshold, overlap, on);
    }
}
