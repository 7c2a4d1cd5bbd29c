package com.jobladder.amqp;

import com.jobladder.api.JobIds;
import com.jobladder.api.JobTypes;
import com.rabbitmq.client.AMQP;
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

    private static final int PERSISTENT = 2;

    private EnvelopeCodec() {
    }

    public static AMQP.BasicProperties properties(Envelope envelope) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(DUE_AT, envelope.dueAt().toEpochMilli());
        headers.put(ATTEMPT, envelope.attempt());
        headers.put(SUBMITTED_AT, envelope.submittedAt().toEpochMilli());
        if (envelope.scheduleName() != null) {
            headers.put(SCHEDULE, envelope.scheduleName());
        }
        if (envelope.maxAttempts() != null) {
            headers.put(MAX_ATTEMPTS, envelope.maxAttempts());
        }
        return new AMQP.BasicProperties.Builder()
                .messageId(envelope.jobId())
                .type(envelope.type())
                .contentType(envelope.contentType())
                .timestamp(Date.from(envelope.submittedAt()))
                .deliveryMode(PERSISTENT)
                .headers(headers)
                .build();
    }

    /** Reads an envelope, or throws naming the first property or header that is missing or wrong. */
    public static Envelope decode(AMQP.BasicProperties properties, byte[] body) {
        String jobId = properties.getMessageId();
        if (jobId == null) {
            throw new MalformedEnvelopeException("message-id is missing: expected the job id");
        }
        try {
            JobIds.requireValid(jobId);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("message-id: " + e.getMessage());
        }
        String type = properties.getType();
        if (type == null) {
            throw new MalformedEnvelopeException("type is missing: expected the job type");
        }
        try {
            JobTypes.requireValid(type);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("type: " + e.getMessage());
        }
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Instant dueAt = Instant.ofEpochMilli(requiredLong(headers, DUE_AT));
        long attempt = headers.containsKey(ATTEMPT) ? requiredLong(headers, ATTEMPT) : 1;
        if (attempt < 1 || attempt > Integer.MAX_VALUE) {
            throw new MalformedEnvelopeException(ATTEMPT + " = " + attempt + ": expected a positive integer");
        }
        Instant submittedAt = headers.containsKey(SUBMITTED_AT)
                ? Instant.ofEpochMilli(requiredLong(headers, SUBMITTED_AT))
                : properties.getTimestamp() != null ? properties.getTimestamp().toInstant() : dueAt;
        Object schedule = headers.get(SCHEDULE);
        Integer maxAttempts = headers.containsKey(MAX_ATTEMPTS) ? (int) requiredLong(headers, MAX_ATTEMPTS) : null;
        String contentType = properties.getContentType() == null ? "application/octet-stream"
                : properties.getContentType();
        return new Envelope(jobId, type, body, contentType, dueAt, (int) attempt, submittedAt,
                schedule == null ? null : schedule.toString(), maxAttempts);
    }

    /** Integers of any width, or decimal text: producers in other languages send either. */
    private static long requiredLong(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            throw new MalformedEnvelopeException("header " + name + " is missing: expected an integer");
        }
        if (value instanceof Number number && !(value instanceof Float) && !(value instanceof Double)) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new MalformedEnvelopeException("header " + name + " = \"" + value + "\": expected an integer");
        }
    }
}
