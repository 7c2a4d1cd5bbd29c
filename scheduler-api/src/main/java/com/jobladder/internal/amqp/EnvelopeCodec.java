package com.jobladder.internal.amqp;

import com.jobladder.api.ContentTypes;
import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobIds;
import com.jobladder.api.JobLimits;
import com.jobladder.api.JobTypes;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** Turns envelopes into AMQP properties and back; the wire format is documented in docs/wire-format.md. */
public final class EnvelopeCodec {
    public static final String DUE_AT = "job-due-at";
    public static final String ATTEMPT = "job-attempt";
    public static final String SUBMITTED_AT = "job-submitted-at";
    public static final String SCHEDULE = "job-schedule";
    public static final String MAX_ATTEMPTS = "job-max-attempts";
    /** Set on messages in the dead-job queue: why the job ended there. */
    public static final String DEAD_REASON = "job-dead-reason";

    /** {@code job-due-at} and {@code job-submitted-at}, in epoch milliseconds. */
    public static final long EARLIEST_MILLIS = JobLimits.EARLIEST_DUE_AT.toEpochMilli();

    public static final long LATEST_MILLIS = JobLimits.LATEST_DUE_AT.toEpochMilli();

    private static final int PERSISTENT = 2;
    /** How much of a validator's message (which quotes the raw value) a reason keeps. */
    private static final int MESSAGE_CHARS = 400;

    private EnvelopeCodec() {}

    public static AMQP.BasicProperties properties(Envelope envelope) {
        Map<String, Object> headers = headers(
                envelope.dueAt().toEpochMilli(),
                envelope.attempt(),
                envelope.submittedAt().toEpochMilli(),
                envelope.scheduleName(),
                envelope.maxAttempts());
        return new AMQP.BasicProperties.Builder()
                .messageId(envelope.jobId())
                .type(envelope.type())
                .contentType(envelope.contentType())
                .timestamp(Date.from(envelope.submittedAt()))
                .deliveryMode(PERSISTENT)
                .headers(headers)
                .build();
    }

    /** The headers of a job, its values as given: {@link #decode} is what validates them. */
    static Map<String, Object> headers(
            long dueAt, int attempt, long submittedAt, String scheduleName, Integer maxAttempts) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(DUE_AT, dueAt);
        headers.put(ATTEMPT, attempt);
        headers.put(SUBMITTED_AT, submittedAt);
        if (scheduleName != null) {
            headers.put(SCHEDULE, scheduleName);
        }
        if (maxAttempts != null) {
            headers.put(MAX_ATTEMPTS, maxAttempts);
        }
        return headers;
    }

    /** Reads an envelope, or throws naming the first property or header that is missing or wrong. */
    public static Envelope decode(AMQP.BasicProperties properties, byte[] body) {
        String jobId = properties.getMessageId();
        if (jobId == null) {
            throw new MalformedEnvelopeException("message-id is missing: expected the job id");
        }
        try {
            JobIds.requireValid(jobId);
        } catch (InvalidRequestException e) {
            throw new MalformedEnvelopeException("message-id: " + SafeText.capped(e.getMessage(), MESSAGE_CHARS));
        }
        String type = properties.getType();
        if (type == null) {
            throw new MalformedEnvelopeException("type is missing: expected the job type");
        }
        try {
            JobTypes.requireValid(type);
        } catch (InvalidRequestException e) {
            throw new MalformedEnvelopeException("type: " + SafeText.capped(e.getMessage(), MESSAGE_CHARS));
        }
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Instant dueAt = instant(headers, DUE_AT, requiredLong(headers, DUE_AT));
        int attempt = headers.containsKey(ATTEMPT) ? between(headers, ATTEMPT, 1, JobLimits.MAX_ATTEMPTS) : 1;
        Instant submittedAt = headers.containsKey(SUBMITTED_AT)
                ? instant(headers, SUBMITTED_AT, requiredLong(headers, SUBMITTED_AT))
                : timestampOr(properties, dueAt);
        Integer maxAttempts =
                headers.containsKey(MAX_ATTEMPTS) ? between(headers, MAX_ATTEMPTS, 1, JobLimits.MAX_ATTEMPTS) : null;
        String contentType = properties.getContentType() == null ? ContentTypes.BYTES : properties.getContentType();
        if (contentType.getBytes(StandardCharsets.UTF_8).length > JobLimits.MAX_CONTENT_TYPE_LENGTH) {
            throw new MalformedEnvelopeException("content-type " + SafeText.quote(contentType) + " is longer than "
                    + JobLimits.MAX_CONTENT_TYPE_LENGTH + " bytes: expected a MIME type such as application/json");
        }
        return new Envelope(
                jobId, type, body, contentType, dueAt, attempt, submittedAt, schedule(headers), maxAttempts);
    }

    /** Integers of any width, or decimal text: producers in other languages send either. */
    private static long requiredLong(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            throw new MalformedEnvelopeException("header " + name + " is missing: expected an integer");
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof String || value instanceof LongString) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new MalformedEnvelopeException(
                        "header " + name + " = " + SafeText.quote(value) + ": expected an integer");
            }
        }
        throw new MalformedEnvelopeException("header " + name + " = " + SafeText.quote(value)
                + ": expected an integer (or decimal text), got " + SafeText.kind(value));
    }

    private static int between(Map<String, Object> headers, String name, int min, int max) {
        long value = requiredLong(headers, name);
        if (value < min || value > max) {
            throw new MalformedEnvelopeException(
                    "header " + name + " = " + value + ": expected an integer from " + min + " to " + max);
        }
        return (int) value;
    }

    private static Instant instant(Map<String, Object> headers, String name, long epochMillis) {
        if (epochMillis < EARLIEST_MILLIS || epochMillis > LATEST_MILLIS) {
            throw new MalformedEnvelopeException("header " + name + " = " + epochMillis + ": expected epoch"
                    + " milliseconds from " + EARLIEST_MILLIS + " (" + Instant.ofEpochMilli(EARLIEST_MILLIS) + ") to "
                    + LATEST_MILLIS + " (" + Instant.ofEpochMilli(LATEST_MILLIS) + ")");
        }
        return Instant.ofEpochMilli(epochMillis);
    }

    /** The timestamp property is informational: one out of range (say, milliseconds sent as seconds) is ignored. */
    private static Instant timestampOr(AMQP.BasicProperties properties, Instant fallback) {
        if (properties.getTimestamp() == null) {
            return fallback;
        }
        long millis = properties.getTimestamp().getTime();
        return millis < EARLIEST_MILLIS || millis > LATEST_MILLIS ? fallback : Instant.ofEpochMilli(millis);
    }

    private static String schedule(Map<String, Object> headers) {
        Object value = headers.get(SCHEDULE);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) && !(value instanceof LongString)) {
            throw new MalformedEnvelopeException("header " + SCHEDULE + " = " + SafeText.quote(value)
                    + ": expected a string, got " + SafeText.kind(value));
        }
        String name = value.toString();
        if (name.isEmpty()
                || name.length() > JobLimits.MAX_SCHEDULE_NAME_LENGTH
                || !SafeText.escaped(name).equals(name)) {
            throw new MalformedEnvelopeException("header " + SCHEDULE + " = " + SafeText.quote(value)
                    + ": expected the name of a cron schedule, 1 to " + JobLimits.MAX_SCHEDULE_NAME_LENGTH
                    + " characters without control characters");
        }
        return name;
    }
}
