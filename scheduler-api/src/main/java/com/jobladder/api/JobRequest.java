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
public record JobRequest(String id, String type, byte[] payload, String contentType,
                         Instant at, Duration after, Integer maxAttempts) {

    public static final String DEFAULT_CONTENT_TYPE = ContentTypes.BYTES;

    public JobRequest {
        id = id != null ? JobIds.requireValid(id) : JobIds.generate(Instant.now());
        JobTypes.requireValid(type);
        payload = InvalidRequestException.requireNonNull(payload, "payload").clone();
        if (payload.length > JobLimits.MAX_PAYLOAD_BYTES) {
            throw new InvalidRequestException("job " + id + " of type " + type + ": payload of " + payload.length
                    + " bytes exceeds the ceiling of " + JobLimits.MAX_PAYLOAD_BYTES + " bytes; store large data elsewhere and"
                    + " send a reference");
        }
        requireValidContentType(type, contentType);
        if ((at == null) == (after == null)) {
            throw new InvalidRequestException("job of type " + type
                    + ": set exactly one of at(Instant) and after(Duration)");
        }
        if (after != null && after.isNegative()) {
            throw new InvalidRequestException("job of type " + type + ": delay " + after
                    + " is negative; expected zero or more (use at(Instant) for an absolute time)");
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new InvalidRequestException("job of type " + type + ": maxAttempts " + maxAttempts
                    + " must be at least 1");
        }
    }

    private static void requireValidContentType(String type, String contentType) {
        InvalidRequestException.requireNonNull(contentType, "contentType");
        boolean printable = contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (contentType.isEmpty() || contentType.length() > JobLimits.MAX_CONTENT_TYPE_LENGTH || !printable) {
            throw new InvalidRequestException("job of type " + type + ": content type of " + contentType.length()
                    + " characters is invalid: expected 1 to " + JobLimits.MAX_CONTENT_TYPE_LENGTH + " printable ASCII characters"
                    + " (an AMQP short string), such as \"application/json\"");
        }
    }

    /** A copy: the request stays as it was built whatever the caller does with the array. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobRequest that && id.equals(that.id) && type.equals(that.type)
                && Arrays.equals(payload, that.payload) && contentType.equals(that.contentType)
                && Objects.equals(at, that.at) && Objects.equals(after, that.after)
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

    /** The instant this job is due, resolving a relative delay against {@code clock}. */
    public Instant dueAt(Clock clock) {
        return at != null ? at : clock.instant().plus(after);
    }

    public static Builder ofType(String type) {
        return new Builder(JobTypes.requireValid(type));
    }

    /** Fluent construction: {@code JobRequest.ofType("send-email").payload("hi").after(Duration.ofMinutes(10))}. */
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
         */
        public Builder id(String jobId) {
            this.id = JobIds.requireValid(jobId);
            return this;
        }

        public Builder payload(byte[] bytes, String mimeType) {
            this.payload = InvalidRequestException.requireNonNull(bytes, "payload").clone();
            requireValidContentType(type, mimeType);
            this.contentType = mimeType;
            return this;
        }

        /** A UTF-8 text payload. */
        public Builder payload(String text) {
            return payload(JobCodec.text().encode(InvalidRequestException.requireNonNull(text, "payload")),
                    JobCodec.text().contentType());
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public JobRequest after(Duration delay) {
            InvalidRequestException.requireNonNull(delay, "delay");
            return new JobRequest(id, type, payload, contentType, null, delay, maxAttempts);
        }

        public JobRequest at(Instant dueAt) {
            InvalidRequestException.requireNonNull(dueAt, "dueAt");
            return new JobRequest(id, type, payload, contentType, dueAt, null, maxAttempts);
        }

        public JobRequest now() {
            return after(Duration.ZERO);
        }
    }
}
