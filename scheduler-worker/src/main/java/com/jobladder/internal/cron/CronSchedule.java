package com.jobladder.internal.cron;

import com.jobladder.api.JobLimits;
import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.OverlapPolicy;
import com.jobladder.handler.RecurringJob;
import com.jobladder.internal.amqp.Envelope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One named schedule, from {@code conf/schedules.conf} or declared in code ({@link RecurringJob}),
 * validated on construction by {@link ScheduleRules}: a schedule that exists is one the leader can
 * fire. The payload array is copied in and out.
 *
 * @param cron             the expression as written (a macro stays a macro)
 * @param payload          the job's payload bytes (the file's text as UTF-8)
 * @param misfireCap       with {@link MisfirePolicy#FIRE_ALL}, the most missed occurrences fired at once
 * @param misfireThreshold a fire late by less than this is fired normally, not treated as missed
 * @param maxAttempts      the fires' attempt limit, or null for the job type's
 */
public record CronSchedule(
        String name,
        String cron,
        CronSyntax syntax,
        ZoneId zone,
        String jobType,
        byte[] payload,
        String contentType,
        MisfirePolicy misfire,
        int misfireCap,
        Duration misfireThreshold,
        OverlapPolicy overlap,
        boolean enabled,
        Integer maxAttempts) {
    public static final int MAX_MISFIRE_CAP = 1000;
    /** Room is left in a job id ({@link JobLimits#MAX_JOB_ID_LENGTH}) for "@" and the fire time. */
    public static final int MAX_NAME_LENGTH = 100;

    /** @throws InvalidScheduleException naming every setting that breaks a rule */
    public CronSchedule {
        List<ScheduleProblem> problems = ScheduleRules.check(
                name, cron, syntax, zone, jobType, contentType, misfireCap, misfireThreshold, maxAttempts);
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException("schedule " + name + " is invalid", problems);
        }
        payload = Objects.requireNonNull(payload, "payload").clone();
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(overlap, "overlap");
    }

    /** A schedule with every optional setting at its default, for tests and embedding. */
    public static CronSchedule of(String name, String cron, CronSyntax syntax, ZoneId zone, String jobType) {
        return new CronSchedule(
                name,
                cron,
                syntax,
                zone,
                jobType,
                new byte[0],
                RecurringJob.DEFAULT_CONTENT_TYPE,
                RecurringJob.DEFAULT_MISFIRE,
                RecurringJob.DEFAULT_MISFIRE_CAP,
                RecurringJob.DEFAULT_MISFIRE_THRESHOLD,
                RecurringJob.DEFAULT_OVERLAP,
                true,
                null);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public CronSchedule withMisfire(MisfirePolicy policy, int cap, Duration threshold) {
        return new CronSchedule(
                name,
                cron,
                syntax,
                zone,
                jobType,
                payload,
                contentType,
                policy,
                cap,
                threshold,
                overlap,
                enabled,
                maxAttempts);
    }

    public CronSchedule withEnabled(boolean on) {
        return new CronSchedule(
                name,
                cron,
                syntax,
                zone,
                jobType,
                payload,
                contentType,
                misfire,
                misfireCap,
                misfireThreshold,
                overlap,
                on,
                maxAttempts);
    }

    /** The job of one fire (or of a manual trigger): attempt 1, carrying this schedule's name. */
    public Envelope envelope(String jobId, Instant dueAt, Instant submittedAt) {
        return new Envelope(jobId, jobType, payload, contentType, dueAt, 1, submittedAt, name, maxAttempts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that
                && name.equals(that.name)
                && cron.equals(that.cron)
                && syntax == that.syntax
                && zone.equals(that.zone)
                && jobType.equals(that.jobType)
                && Arrays.equals(payload, that.payload)
                && contentType.equals(that.contentType)
                && misfire == that.misfire
                && misfireCap == that.misfireCap
                && misfireThreshold.equals(that.misfireThreshold)
                && overlap == that.overlap
                && enabled == that.enabled
                && Objects.equals(maxAttempts, that.maxAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name,
                cron,
                syntax,
                zone,
                jobType,
                Arrays.hashCode(payload),
                contentType,
                misfire,
                misfireCap,
                misfireThreshold,
                overlap,
                enabled,
                maxAttempts);
    }

    @Override
    public String toString() {
        return "CronSchedule[name=" + name + ", cron=" + cron + " (" + syntax.fileName() + "), zone=" + zone
                + ", jobType=" + jobType + ", payload=" + payload.length + " bytes, contentType=" + contentType
                + ", misfire=" + misfire.fileName() + ", misfireCap=" + misfireCap + ", misfireThreshold="
                + misfireThreshold + ", overlap=" + overlap.fileName() + ", enabled=" + enabled + ", maxAttempts="
                + maxAttempts + "]";
    }
}
