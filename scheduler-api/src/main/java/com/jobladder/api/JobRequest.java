package com.jobladder.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One job to schedule: its type, payload and when it is due. Build it with
 * {@link #ofType(String)}; every argument is checked when it is set.
 *
 * @param id          idempotency key: the caller's, or a time-sortable UUIDv7 generated when the request is
 *                    built (null here generates one), so scheduling the same request again after an unknown
 *                    outcome never makes a second job
 * @param type        job type, a routing-key word such as {@code send-email}
 * @param payload     the bytes the handler receives, at most {@link #MAX_PAYLOAD_BYTES}; the setting
 *                    {@code jobladder.worker.max-payload-bytes} (1 MiB by default) is checked when scheduling
 * @param contentType MIME type of the payload: printable ASCII, at most 255 characters (an AMQP short string)
 * @param at          absolute due time, or null when {@code after} is set
 * @param after       delay from the moment of scheduling, or null when {@code at} is set
 * @param maxAttempts per-job override of the type's attempt limit, or null for the type's
 */
public record JobRequest(String id, String type, byte[] payload, String contentType,
                         Instant at, Duration after, Integer maxAttempts) {

    public static final String DEFAULT_CONTENT_TYPE = ContentTypes.BYTES;
    /**
     * The ceiling of {@code jobladder.worker.max-payload-bytes}: 128 MiB, what the broker
     * connections accept (RabbitMQ 3.x's default {@code max_message_size}; 4.x defaults to 16 MiB).
     */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024 * 1024;
    /** AMQP carries {@code content-type} as a short string. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    public JobRequest {
        id = id != null ? JobIds.requireValid(id) : JobIds.generate(Instant.now());
        JobTypes.requireValid(type);
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("job " + id + " of type " + type + ": payload of " + payload.length
                    + " bytes exceeds the ceiling of " + MAX_PAYLOAD_BYTES + " bytes; store large data elsewhere and"
                    + " send a reference");
        }
        requireValidContentType(type, contentType);
        if ((at == null) == (after == null)) {
            throw new IllegalArgumentException("job of type " + type
                    + ": set exactly one of at(Instant) and after(Duration)");
        }
        if (after != null && after.isNegative()) {
            throw new IllegalArgumentException("job of type " + type + ": delay " + after
                    + " is negative; expected zero or more (use at(Instant) for an absolute time)");
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("job of type " + type + ": maxAttempts " + maxAttempts
                    + " must be at least 1");
        }
    }

    private static void requireValidContentType(String type, String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        boolean printable = contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (contentType.isEmpty() || contentType.length() > MAX_CONTENT_TYPE_LENGTH || !printable) {
            throw new IllegalArgumentException("job of type " + type + ": content type of " + contentType.length()
                    + " characters is invalid: expected 1 to " + MAX_CONTENT_TYPE_LENGTH + " printable ASCII characters"
                    + " (an AMQP short string), such as \"application/json\"");
        }
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
            this.payload = Objects.requireNonNull(bytes, "payload").clone();
            requireValidContentType(type, mimeType);
            this.contentType = mimeType;
            return this;
        }

        /** A UTF-8 text payload. */
        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8), ContentTypes.TEXT);
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public JobRequest after(Duration delay) {
            return new JobRequest(id, type, payload, contentType, null, Objects.requireNonNull(delay, "delay"), maxAttempts);
        }

        public JobRequest at(Instant dueAt) {
            return new JobRequest(id, type, payload, contentType, Objects.requireNonNull(dueAt, "dueAt"), null, maxAttempts);
        }

        public JobRequest now() {
            return after(Duration.ZERO);
        }
    }
}
