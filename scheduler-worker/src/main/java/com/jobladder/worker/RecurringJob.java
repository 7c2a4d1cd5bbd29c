package com.jobladder.worker;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobCodec;
import com.jobladder.api.JobType;
import com.jobladder.internal.cron.CodeSchedule;
import com.jobladder.internal.cron.CronSchedule;
import com.jobladder.internal.cron.CronSyntax;
import com.jobladder.internal.cron.InvalidScheduleException;
import com.jobladder.internal.cron.ScheduleProblem;
import com.jobladder.internal.cron.ScheduleRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A cron schedule declared in code, beside those of {@code conf/schedules.conf}, with the file's
 * settings and defaults (docs/cron.md):
 * <pre>{@code
 * Worker.builder()
 *     .recurring(RecurringJob.cron("nightly-report", "0 2 * * *").zone("Europe/Berlin").job(REPORT, "nightly"))
 *     .recurring(RecurringJob.quartz("heartbeat", "0/10 * * * * ?").zone("UTC").job("heartbeat"))
 * }</pre>
 * or, in a Guice module, {@code RecurringJobs.register(binder(), RecurringJob.cron(...)...)}. It is
 * checked by the same rules as the file, with the same words, when it is registered. The cron
 * leader fires it exactly as a schedule of the file: same cursors, misfires and job ids
 * {@code name@fire-time}.
 */
public final class RecurringJob {
    private final String name;
    private final String cron;
    private final CronSyntax syntax;
    private final String declaredAt;
    private String zoneRegion;
    private ZoneId zone;
    private String jobType;
    private byte[] payload = new byte[0];
    private String contentType = CronSchedule.DEFAULT_CONTENT_TYPE;
    private MisfirePolicy misfire = CronSchedule.DEFAULT_MISFIRE;
    private int misfireCap = CronSchedule.DEFAULT_MISFIRE_CAP;
    private Duration misfireThreshold = CronSchedule.DEFAULT_MISFIRE_THRESHOLD;
    private OverlapPolicy overlap = CronSchedule.DEFAULT_OVERLAP;
    private boolean enabled = true;
    private Integer maxAttempts;

    private RecurringJob(String name, String cron, CronSyntax syntax) {
        this.name = name;
        this.cron = cron;
        this.syntax = syntax;
        this.declaredAt = StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(RecurringJob.class.getName())).findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement).map(String::valueOf).orElse("an unknown place"));
    }

    /** A Unix expression (5 fields, or a macro such as {@code @daily}); the file's {@code syntax = unix}. */
    public static RecurringJob cron(String name, String expression) {
        return new RecurringJob(name, expression, CronSyntax.UNIX);
    }

    /** A Quartz expression (6 or 7 fields, seconds first); the file's {@code syntax = quartz}. */
    public static RecurringJob quartz(String name, String expression) {
        return new RecurringJob(name, expression, CronSyntax.QUARTZ);
    }

    /** The file's {@code time-zone}, required: a region such as {@code Europe/Berlin} or {@code UTC}. */
    public RecurringJob zone(String regionId) {
        zoneRegion = InvalidRequestException.requireNonNull(regionId, "time zone");
        zone = null;
        return this;
    }

    public RecurringJob zone(ZoneId timeZone) {
        zone = InvalidRequestException.requireNonNull(timeZone, "time zone");
        zoneRegion = null;
        return this;
    }

    /** Fires a job of {@code type} carrying {@code payload}, encoded once now by the type's codec. */
    public <T> RecurringJob job(JobType<T> type, T payload) {
        InvalidRequestException.requireNonNull(type, "job type");
        return job(type.name(), type.with(payload).now().payload(), type.codec().contentType());
    }

    /** Fires a job of {@code type} with no payload (the file's default: empty, {@code text/plain}). */
    public RecurringJob job(String type) {
        return job(type, new byte[0], CronSchedule.DEFAULT_CONTENT_TYPE);
    }

    /** Fires a job of {@code type} carrying these bytes; {@link JobCodec#bytes()} for an opaque payload. */
    public RecurringJob job(String type, byte[] bytes, String mimeType) {
        jobType = type;
        payload = InvalidRequestException.requireNonNull(bytes, "payload").clone();
        contentType = mimeType;
        return this;
    }

    /** The file's {@code misfire}, {@code misfire-cap} and {@code misfire-threshold}. */
    public RecurringJob misfire(MisfirePolicy policy, int cap, Duration threshold) {
        misfire = InvalidRequestException.requireNonNull(policy, "misfire policy");
        misfireCap = cap;
        misfireThreshold = threshold;
        return this;
    }

    public RecurringJob misfire(MisfirePolicy policy) {
        return misfire(policy, misfireCap, misfireThreshold);
    }

    /** The file's {@code overlap}. */
    public RecurringJob overlap(OverlapPolicy policy) {
        overlap = InvalidRequestException.requireNonNull(policy, "overlap policy");
        return this;
    }

    /** The file's {@code enabled}: false keeps the schedule known (listed, its cursor kept) without fires. */
    public RecurringJob enabled(boolean on) {
        enabled = on;
        return this;
    }

    /** The file's {@code max-attempts}: the fires' attempt limit instead of the job type's. */
    public RecurringJob maxAttempts(int attempts) {
        maxAttempts = attempts;
        return this;
    }

    /**
     * The schedule, checked by the file's rules.
     *
     * @throws InvalidScheduleException naming the schedule, where it was declared and every setting that breaks a
     *                                  rule, in the file's words
     */
    CodeSchedule build() {
        List<ScheduleProblem> problems = new ArrayList<>();
        ZoneId resolved = zoneRegion != null ? ScheduleRules.zone(zoneRegion, problems) : zone;
        CronSchedule schedule = null;
        try {
            schedule = new CronSchedule(name, cron, syntax, resolved, jobType, payload, contentType, misfire,
                    misfireCap, misfireThreshold, overlap, enabled, maxAttempts);
        } catch (InvalidScheduleException e) {
            // An unknown region is reported as such, not again as a missing zone.
            e.problems().stream().filter(p -> problems.stream().noneMatch(q -> q.key().equals(p.key())))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException("recurring job " + name + " (declared at " + declaredAt
                    + ") is invalid", problems);
        }
        return new CodeSchedule(schedule, declaredAt);
    }
}
