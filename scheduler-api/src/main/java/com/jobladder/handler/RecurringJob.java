package com.jobladder.handler;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobCodec;
import com.jobladder.api.JobType;
import com.jobladder.api.ContentTypes;
import java.time.Duration;
import java.time.ZoneId;

/**
 * A cron schedule declared in code, beside those of {@code conf/schedules.conf}, with the file's
 * settings and defaults (docs/cron.md):
 * <pre>{@code
 * Worker.builder()
 *     .recurring(RecurringJob.cron("nightly-report", "0 2 * * *").zone("Europe/Berlin").job(REPORT, "nightly"))
 *     .recurring(RecurringJob.quartz("heartbeat", "0/10 * * * * ?").zone("UTC").job("heartbeat"))
 * }</pre>
 * or, in a Guice module, {@code RecurringJobs.register(binder(), RecurringJob.cron(...)...)}. The
 * worker checks it by the same rules as the file, with the same words, when it is registered with
 * {@code Worker.builder()} or when a worker starts with the Guice module. The cron
 * leader fires it exactly as a schedule of the file: same cursors, misfires and job ids
 * {@code name@fire-time}.
 */
public final class RecurringJob {
    /** The file's {@code content-type} default: the payload is text. */
    public static final String DEFAULT_CONTENT_TYPE = ContentTypes.TEXT;
    /** The file's {@code misfire} default. */
    public static final MisfirePolicy DEFAULT_MISFIRE = MisfirePolicy.FIRE_ONCE_NOW;
    /** The file's {@code misfire-cap} default: with {@link MisfirePolicy#FIRE_ALL}, at most this many at once. */
    public static final int DEFAULT_MISFIRE_CAP = 10;
    /** The file's {@code misfire-threshold} default: a fire late by less than this is not a misfire. */
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofMinutes(1);
    /** The file's {@code overlap} default. */
    public static final OverlapPolicy DEFAULT_OVERLAP = OverlapPolicy.ALLOW;

    private final String name;
    private final String expression;
    private final String syntax;
    private final String declaredAt;
    private String zone;
    private String jobType;
    private byte[] payload = new byte[0];
    private String contentType = DEFAULT_CONTENT_TYPE;
    private MisfirePolicy misfire = DEFAULT_MISFIRE;
    private int misfireCap = DEFAULT_MISFIRE_CAP;
    private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
    private OverlapPolicy overlap = DEFAULT_OVERLAP;
    private boolean enabled = true;
    private Integer maxAttempts;

    private RecurringJob(String name, String expression, String syntax) {
        this.name = name;
        this.expression = expression;
        this.syntax = syntax;
        this.declaredAt = StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(RecurringJob.class.getName())).findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement).map(String::valueOf).orElse("an unknown place"));
    }

    /** A Unix expression (5 fields, or a macro such as {@code @daily}); the file's {@code syntax = unix}. */
    public static RecurringJob cron(String name, String expression) {
        return new RecurringJob(name, expression, "unix");
    }

    /** A Quartz expression (6 or 7 fields, seconds first); the file's {@code syntax = quartz}. */
    public static RecurringJob quartz(String name, String expression) {
        return new RecurringJob(name, expression, "quartz");
    }

    /** The file's {@code time-zone}, required: a region such as {@code Europe/Berlin} or {@code UTC}. */
    public RecurringJob zone(String regionId) {
        zone = InvalidRequestException.requireNonNull(regionId, "time zone");
        return this;
    }

    /** The time zone the expression is read in. */
    public RecurringJob zone(ZoneId timeZone) {
        return zone(InvalidRequestException.requireNonNull(timeZone, "time zone").getId());
    }

    /** Fires a job of {@code type} carrying {@code payload}, encoded once now by the type's codec. */
    public <T> RecurringJob job(JobType<T> type, T payload) {
        InvalidRequestException.requireNonNull(type, "job type");
        return job(type.name(), type.with(payload).now().payload(), type.codec().contentType());
    }

    /** Fires a job of {@code type} with no payload (the file's default: empty, {@code text/plain}). */
    public RecurringJob job(String type) {
        return job(type, new byte[0], DEFAULT_CONTENT_TYPE);
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

    /** The schedule's name, unique among the file's and the code's schedules. */
    public String name() {
        return name;
    }

    /** The cron expression as written. */
    public String expression() {
        return expression;
    }

    /** The file's {@code syntax}: {@code unix} or {@code quartz}. */
    public String syntax() {
        return syntax;
    }

    /** The file's {@code time-zone}, or null when none was given (which the worker refuses). */
    public String zone() {
        return zone;
    }

    /** The type of the jobs it fires, or null when none was given (which the worker refuses). */
    public String jobType() {
        return jobType;
    }

    /** A copy of the payload of the jobs it fires. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The content type of the payload. */
    public String contentType() {
        return contentType;
    }

    /** What the leader does with fires it missed. */
    public MisfirePolicy misfire() {
        return misfire;
    }

    /** With {@link MisfirePolicy#FIRE_ALL}, the most missed fires run at once. */
    public int misfireCap() {
        return misfireCap;
    }

    /** A fire late by less than this runs normally and is no misfire. */
    public Duration misfireThreshold() {
        return misfireThreshold;
    }

    /** Whether a fire may start while the previous run of the schedule still runs. */
    public OverlapPolicy overlap() {
        return overlap;
    }

    /** False keeps the schedule declared but never fired. */
    public boolean enabled() {
        return enabled;
    }

    /** The fires' attempt limit, or null for the job type's. */
    public Integer maxAttempts() {
        return maxAttempts;
    }

    /** The application's frame that declared it, e.g. {@code com.example.App.main(App.java:12)}, for error messages. */
    public String declaredAt() {
        return declaredAt;
    }
}
