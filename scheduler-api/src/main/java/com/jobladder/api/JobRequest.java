package com.jobladder.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One job to schedule: its type, payload and when it is due. Build it with
 * {@link JobType#with} or {@link #ofType(String)}; every argument is checked when it is set. The
 * payload array is copied in and out, so a request never changes after it is built.
 *
 * @param id          idempotency key: the caller's, or a time-sortable UUIDv7 generated when the request is
 *                    built (null here generates one), so scheduling the same request again after an unknown
 *                    outcome never makes a second job
 * @param type        job type, a routing-key word such as {@code send-email}
 * @param payload     the bytes the handler receives, at most {@link JobLimits#MAX_PAYLOAD_BYTES}; the setting
 *                    {@code jobladder.worker.max-payload-bytes} (1 MiB by default) is checked when scheduling
 * @param contentType MIME type of the payload: printable ASCII, at most 255 characters (an AMQP short string)
 * @param at          absolute due time, or null when {@code after} is set
 * @param after       delay from the moment of scheduling, or null when {@code at} is set
 * @param maxAttempts per-job override of the type's attempt limit, or null for the type's
 */
public record JobRequest(
        String id, String type, byte[] payload, String contentType, Instant at, Duration after, Integer maxAttempts) {

    /** The content type of a payload given as bytes without one: {@link ContentTypes#BYTES}. */
    public static final String DEFAULT_CONTENT_TYPE = ContentTypes.BYTES;

    /**
     * Checks every component; the builders ({@link #ofType(String)}, {@link JobType#with}) are the
     * usual way to call it.
     *
     * @param id          the idempotency key, or null to generate a UUIDv7
     * @param type        the job type
     * @param payload     the payload bytes, copied
     * @param contentType the payload's MIME type
     * @param at          the absolute due time, or null when {@code after} is set
     * @param after       the delay, or null when {@code at} is set
     * @param maxAttempts the attempt limit for this job, or null for the type's
     * @throws InvalidRequestException naming the job and what is wrong: an invalid id, type or content type, a
     *                                 null or oversized payload, both or neither of {@code at} and {@code after}, a
     *                                 negative delay, or fewer than one attempt
     */
    public JobRequest {
        id = id != null ? JobIds.requireValid(id) : JobIds.generate(Instant.now());
        JobTypes.requireValid(type);
        payload = InvalidRequestException.requireNonNull(payload, "payload").clone();
        if (payload.length > JobLimits.MAX_PAYLOAD_BYTES) {
            throw new InvalidRequestException("job " + id + " of type " + type + ": payload of " + payload.length
                    + " bytes exceeds the ceiling of " + JobLimits.MAX_PAYLOAD_BYTES
                    + " bytes; store large data elsewhere and"
                    + " send a reference");
        }
        requireValidContentType(type, contentType);
        if ((at == null) == (after == null)) {
            throw new InvalidRequestException(
                    "job of type " + type + ": set exactly one of at(Instant) and after(Duration)");
        }
        if (after != null && after.isNegative()) {
            throw new InvalidRequestException("job of type " + type + ": delay " + after
                    + " is negative; expected zero or more (use at(Instant) for an absolute time)");
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new InvalidRequestException(
                    "job of type " + type + ": maxAttempts " + maxAttempts + " must be at least 1");
        }
    }

    private static void requireValidContentType(String type, String contentType) {
        InvalidRequestException.requireNonNull(contentType, "contentType");
        boolean printable = contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (contentType.isEmpty() || contentType.length() > JobLimits.MAX_CONTENT_TYPE_LENGTH || !printable) {
            throw new InvalidRequestException("job of type " + type + ": content type of " + contentType.length()
                    + " characters is invalid: expected 1 to " + JobLimits.MAX_CONTENT_TYPE_LENGTH
                    + " printable ASCII characters"
                    + " (an AMQP short string), such as \"application/json\"");
        }
    }

    /**
     * The payload bytes, as a copy: the request stays as it was built whatever the caller does with the array.
     *
     * @return a new array holding the payload
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobRequest that
                && id.equals(that.id)
                && type.equals(that.type)
                && Arrays.equals(payload, that.payload)
                && contentType.equals(that.contentType)
                && Objects.equals(at, that.at)
                && Objects.equals(after, that.after)
                && Objects.equals(maxAttempts, that.maxAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, Arrays.hashCode(payload), contentType, at, after, maxAttempts);
    }

    @Override
    public String toString() {
        return "JobRequest[id=" + id + ", type=" + type + ", payload=" + payload.length + " bytes, contentType="
                + contentType + ", at=" + at + ", after=" + after + ", maxAttempts=" + maxAttempts + "]";
    }

    /**
     * The instant this job is due.
     *
     * @param clock the clock a relative delay ({@link #after()}) counts from
     * @return {@link #at()}, or the clock's instant plus {@link #after()}
     * @throws java.time.DateTimeException when the delay carries the instant past what {@link Instant} holds
     */
    public Instant dueAt(Clock clock) {
        return at != null ? at : clock.instant().plus(after);
    }

    /**
     * Starts a request for a job of {@code type} with an empty payload; for a typed payload use
     * {@link JobType#with} instead.
     *
     * @param type the job type, a routing-key word such as {@code send-email}
     * @return a builder, to finish with {@link Builder#after}, {@link Builder#at} or {@link Builder#now}
     * @throws InvalidRequestException when the type is not a valid job type ({@link JobTypes#requireValid})
     */
    public static Builder ofType(String type) {
        return new Builder(JobTypes.requireValid(type));
    }

    /**
     * Fluent construction: {@code JobRequest.ofType("send-email").payload("hi").after(Duration.ofMinutes(10))}.
     * Each setter checks its argument at once; the terminal call ({@link #after}, {@link #at} or
     * {@link #now}) builds the request. A builder is meant for one thread and may build several
     * requests; each request built without {@link #id} gets an id of its own.
     */
    public static final class Builder {
        private final String type;
        private String id;
        private byte[] payload = new byte[0];
        private String contentType = DEFAULT_CONTENT_TYPE;
        private Integer maxAttempts;

        private Builder(String type) {
            this.type = type;
        }

        /**
         * An idempotency key: scheduling the same id twice runs the job at most once successfully.
         * Without one, each request built gets a generated UUIDv7 of its own.
         *
         * @param jobId 1 to {@link JobLimits#MAX_JOB_ID_LENGTH} characters of letters, digits and {@code @:._+-}
         * @return this builder
         * @throws InvalidRequestException when the id is not valid ({@link JobIds#requireValid})
         */
        public Builder id(String jobId) {
            this.id = JobIds.requireValid(jobId);
            return this;
        }

        /**
         * A payload of bytes with its content type. The array is copied.
         *
         * @param bytes    the payload, at most {@link JobLimits#MAX_PAYLOAD_BYTES}
         * @param mimeType its MIME type, printable ASCII of at most {@link JobLimits#MAX_CONTENT_TYPE_LENGTH}
         *                 characters
         * @return this builder
         * @throws InvalidRequestException when {@code bytes} is null or the content type is invalid
         */
        public Builder payload(byte[] bytes, String mimeType) {
            this.payload =
                    InvalidRequestException.requireNonNull(bytes, "payload").clone();
            requireValidContentType(type, mimeType);
            this.contentType = mimeType;
            return this;
        }

        /**
         * A text payload, encoded as UTF-8 with content type {@link ContentTypes#TEXT}.
         *
         * @param text the payload
         * @return this builder
         * @throws InvalidRequestException when {@code text} is null
         */
        public Builder payload(String text) {
            return payload(
                    JobCodec.text().encode(InvalidRequestException.requireNonNull(text, "payload")),
                    JobCodec.text().contentType());
        }

        /**
         * The attempt limit of this job, instead of its type's
         * ({@code jobladder.job-types.<type>.max-attempts}). Checked by the terminal call.
         *
         * @param attempts 1 or more: 1 runs the job once, without retries
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Builds a request due {@code delay} after the moment it is scheduled.
         *
         * @param delay zero or more
         * @return the request
         * @throws InvalidRequestException when the delay is null or negative, or the attempt limit is below 1
         */
        public JobRequest after(Duration delay) {
            InvalidRequestException.requireNonNull(delay, "delay");
            return new JobRequest(id, type, payload, contentType, null, delay, maxAttempts);
        }

        /**
         * Builds a request due at an absolute instant; an instant in the past runs at once.
         *
         * @param dueAt when the job is due
         * @return the request
         * @throws InvalidRequestException when {@code dueAt} is null or the attempt limit is below 1
         */
        public JobRequest at(Instant dueAt) {
            InvalidRequestException.requireNonNull(dueAt, "dueAt");
            return new JobRequest(id, type, payload, contentType, dueAt, null, maxAttempts);
        }

        /**
         * Builds a request due as soon as it is scheduled: {@code after(Duration.ZERO)}.
         *
         * @return the request
         * @throws InvalidRequestException when the attempt limit is below 1
         */
        public JobRequest now() {
            return after(Duration.ZERO);
        }
    }
}
