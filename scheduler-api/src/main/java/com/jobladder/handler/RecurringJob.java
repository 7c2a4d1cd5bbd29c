package com.jobladder.handler;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobCodec;
import com.jobladder.api.JobType;
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
 * {@code name@fire-time}. A builder: each setter returns this object; it is meant for one thread,
 * and checked as a whole when it is registered.
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
        this.declaredAt = StackWalker.getInstance()
                .walk(frames -> frames.filter(frame -> !frame.getClassName().equals(RecurringJob.class.getName()))
                        .findFirst()
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .map(String::valueOf)
                        .orElse("an unknown place"));
    }

    /**
     * A schedule with a Unix expression (5 fields, or a macro such as {@code @daily}); the file's
     * {@code syntax = unix}.
     *
     * @param name       the schedule's name, unique among the worker's schedules; fires run as jobs
     *                   {@code name@fire-time}
     * @param expression the expression, for example {@code 0 2 * * *}
     * @return the schedule, to finish with {@link #zone(String)} and one of the {@code job} methods
     */
    public static RecurringJob cron(String name, String expression) {
        return new RecurringJob(name, expression, "unix");
    }

    /**
     * A schedule with a Quartz expression (6 or 7 fields, seconds first, with {@code L}, {@code W},
     * {@code #} and {@code ?}); the file's {@code syntax = quartz}.
     *
     * @param name       the schedule's name, unique among the worker's schedules; fires run as jobs
     *                   {@code name@fire-time}
     * @param expression the expression, for example {@code 0/10 * * * * ?}
     * @return the schedule, to finish with {@link #zone(String)} and one of the {@code job} methods
     */
    public static RecurringJob quartz(String name, String expression) {
        return new RecurringJob(name, expression, "quartz");
    }

    /**
     * The time zone the expression is read in: the file's {@code time-zone}, required. Fires across
     * daylight-saving changes follow docs/cron.md.
     *
     * @param regionId a region such as {@code Europe/Berlin} or {@code UTC}; an unknown one is reported
     *                 when the schedule is registered
     * @return this schedule
     * @throws InvalidRequestException when {@code regionId} is null
     */
    public RecurringJob zone(String regionId) {
        zone = InvalidRequestException.requireNonNull(regionId, "time zone");
        return this;
    }

    /**
     * The time zone the expression is read in.
     *
     * @param timeZone the zone, such as {@code ZoneId.of("Europe/Berlin")}
     * @return this recurring job
     */
    public RecurringJob zone(ZoneId timeZone) {
        return zone(
                InvalidRequestException.requireNonNull(timeZone, "time zone").getId());
    }

    /**
     * Fires a job of {@code type} carrying {@code payload}, encoded once now by the type's codec.
     *
     * @param type    the job type and its codec
     * @param payload the payload every fire carries
     * @param <T>     the payload type
     * @return this schedule
     * @throws InvalidRequestException when the type or payload is null, or the codec cannot encode the payload
     */
    public <T> RecurringJob job(JobType<T> type, T payload) {
        InvalidRequestException.requireNonNull(type, "job type");
        return job(type.name(), type.with(payload).now().payload(), type.codec().contentType());
    }

    /**
     * Fires a job of {@code type} with no payload (the file's default: empty, {@code text/plain}).
     *
     * @param type the job type; checked when the schedule is registered
     * @return this schedule
     */
    public RecurringJob job(String type) {
        return job(type, new byte[0], DEFAULT_CONTENT_TYPE);
    }

    /**
     * Fires a job of {@code type} carrying these bytes; {@link JobCodec#bytes()}'s content type for an
     * opaque payload. The array is copied.
     *
     * @param type     the job type; checked when the schedule is registered
     * @param bytes    the payload every fire carries
     * @param mimeType its MIME type; checked when the schedule is registered
     * @return this schedule
     * @throws InvalidRequestException when {@code bytes} is null
     */
    public RecurringJob job(String type, byte[] bytes, String mimeType) {
        jobType = type;
        payload = InvalidRequestException.requireNonNull(bytes, "payload").clone();
        contentType = mimeType;
        return this;
    }

    /**
     * What the leader does with fires it missed: the file's {@code misfire}, {@code misfire-cap} and
     * {@code misfire-threshold}.
     *
     * @param policy    the policy; {@link MisfirePolicy#FIRE_ONCE_NOW} by default
     * @param cap       with {@link MisfirePolicy#FIRE_ALL}, the most missed fires run, the latest ones
     * @param threshold how late a fire must be to count as missed
     * @return this schedule
     * @throws InvalidRequestException when {@code policy} is null; the cap and threshold are checked when the
     *                                 schedule is registered
     */
    public RecurringJob misfire(MisfirePolicy policy, int cap, Duration threshold) {
        misfire = InvalidRequestException.requireNonNull(policy, "misfire policy");
        misfireCap = cap;
        misfireThreshold = threshold;
        return this;
    }

    /**
     * What the leader does with fires it missed, with the default cap and threshold: the file's
     * {@code misfire}.
     *
     * @param policy the policy; {@link MisfirePolicy#FIRE_ONCE_NOW} by default
     * @return this schedule
     * @throws InvalidRequestException when {@code policy} is null
     */
    public RecurringJob misfire(MisfirePolicy policy) {
        return misfire(policy, misfireCap, misfireThreshold);
    }

    /**
     * Whether a fire may start while the previous run is still going: the file's {@code overlap}.
     *
     * @param policy the policy; {@link OverlapPolicy#ALLOW} by default
     * @return this schedule
     * @throws InvalidRequestException when {@code policy} is null
     */
    public RecurringJob overlap(OverlapPolicy policy) {
        overlap = InvalidRequestException.requireNonNull(policy, "overlap policy");
        return this;
    }

    /**
     * The file's {@code enabled}: false keeps the schedule known (its cursor kept) without fires.
     *
     * @param on whether the schedule fires; true by default
     * @return this schedule
     */
    public RecurringJob enabled(boolean on) {
        enabled = on;
        return this;
    }

    /**
     * The file's {@code max-attempts}: the fires' attempt limit instead of the job type's.
     *
     * @param attempts 1 or more; checked when the schedule is registered
     * @return this schedule
     */
    public RecurringJob maxAttempts(int attempts) {
        maxAttempts = attempts;
        return this;
    }

    /** {@return the schedule's name, unique among the file's and the code's schedules} */
    public String name() {
        return name;
    }

    /** {@return the cron expression as written} */
    public String expression() {
        return expression;
    }

    /** {@return the file's {@code syntax}: {@code unix} or {@code quartz}} */
    public String syntax() {
        return syntax;
    }

    /** {@return the file's {@code time-zone}, or null when none was given (which the worker refuses)} */
    public String zone() {
        return zone;
    }

    /** {@return the type of the jobs it fires, or null when none was given (which the worker refuses)} */
    public String jobType() {
        return jobType;
    }

    /** {@return a copy of the payload of the jobs it fires} */
    public byte[] payload() {
        return payload.clone();
    }

    /** {@return the content type of the payload} */
    public String contentType() {
        return contentType;
    }

    /** {@return what the leader does with fires it missed} */
    public MisfirePolicy misfire() {
        return misfire;
    }

    /** {@return with {@link MisfirePolicy#FIRE_ALL}, the most missed fires run at once} */
    public int misfireCap() {
        return misfireCap;
    }

    /** {@return a fire late by less than this runs normally and is no misfire} */
    public Duration misfireThreshold() {
        return misfireThreshold;
    }

    /** {@return whether a fire may start while the previous run of the schedule still runs} */
    public OverlapPolicy overlap() {
        return overlap;
    }

    /** {@return false keeps the schedule declared but never fired} */
    public boolean enabled() {
        return enabled;
    }

    /** {@return the fires' attempt limit, or null for the job type's} */
    public Integer maxAttempts() {
        return maxAttempts;
    }

    /** {@return the application's frame that declared it, e.g. {@code com.example.App.main(App.java:12)}, for error messages} */
    public String declaredAt() {
        return declaredAt;
    }
}
