package com.jobladder.internal.amqp;

import com.rabbitmq.client.AMQP;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Several jobs of one type and one ladder route in one message: a bundle. The broker moves a
 * bundle through the ladder as one message, so its work per job falls with the number of jobs
 * in it; the worker opens it and settles each job on its own. The layout is documented in
 * docs/wire-format.md ("Bundles"); a single job always travels in the one-job format.
 *
 * <p>Decoding checks only the bundle's structure and gives each job back as the properties and
 * body of a one-job message, which the worker then validates like any other: a job with a bad
 * field is poison alone, a bundle with a bad structure is poison as a whole.
 */
public final class BundleCodec {
    /** Header of a bundle: the number of jobs in it. Its presence is what makes a message a bundle. */
    public static final String JOBS = "job-bundle";

    public static final String CONTENT_TYPE = "application/vnd.jobladder.bundle";
    /** The most jobs a bundle may carry, so that a hostile count cannot make a worker allocate for it. */
    public static final int MAX_JOBS = 10_000;

    private static final byte[] MAGIC = {'J', 'L', 'B', 1};
    private static final int PERSISTENT = 2;
    private static final int MAX_SHORT_TEXT = 0xFFFF;
    /** Job id, content type and schedule lengths; due, submitted; attempt, max attempts; payload length. */
    private static final int FIXED_BYTES_PER_JOB = 3 * Short.BYTES + 2 * Long.BYTES + 2 * Integer.BYTES + Integer.BYTES;

    private BundleCodec() {}

    /** One job of a bundle, as the properties and body it would have as a message of its own. */
    public record Job(AMQP.BasicProperties properties, byte[] body) {}

    public static boolean isBundle(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        return headers != null && headers.containsKey(JOBS);
    }

    /** The properties of a bundle of {@code jobs} jobs of {@code type}; {@code bundleId} names it in errors. */
    public static AMQP.BasicProperties properties(String bundleId, String type, int jobs) {
        return new AMQP.BasicProperties.Builder()
                .messageId(bundleId)
                .type(type)
                .contentType(CONTENT_TYPE)
                .deliveryMode(PERSISTENT)
                .headers(Map.of(JOBS, jobs))
                .build();
    }

    /** The bytes one envelope adds to a bundle. */
    public static int size(Envelope envelope) {
        return FIXED_BYTES_PER_JOB
                + utf8(envelope.jobId()).length
                + utf8(envelope.contentType()).length
                + utf8(envelope.scheduleName()).length
                + envelope.payloadLength();
    }

    /** The body of a bundle of these envelopes, all of one type. */
    public static byte[] encode(List<Envelope> envelopes) {
        int size = MAGIC.length + Integer.BYTES;
        for (Envelope envelope : envelopes) {
            size += size(envelope);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC).putInt(envelopes.size());
        for (Envelope envelope : envelopes) {
            putText(out, envelope.jobId());
            putText(out, envelope.contentType());
            putText(out, envelope.scheduleName());
            out.putLong(envelope.dueAt().toEpochMilli());
            out.putLong(envelope.submittedAt().toEpochMilli());
            out.putInt(envelope.attempt());
            out.putInt(envelope.maxAttempts() == null ? 0 : envelope.maxAttempts());
            out.putInt(envelope.payloadLength());
            out.put(envelope.payload());
        }
        return out.array();
    }

    /**
     * The jobs of a bundle, each with the bundle's type; throws {@link MalformedEnvelopeException}
     * saying where the structure breaks.
     */
    public static List<Job> decode(AMQP.BasicProperties properties, byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new MalformedEnvelopeException("bundle body does not start with JLB and version 1: expected a"
                        + " bundle as docs/wire-format.md describes it");
            }
            int count = in.getInt();
            if (count < 1 || count > MAX_JOBS || (long) count * FIXED_BYTES_PER_JOB > in.remaining()) {
                throw new MalformedEnvelopeException("bundle says it holds " + count + " jobs in " + body.length
                        + " bytes: expected 1 to " + MAX_JOBS + " jobs of at least " + FIXED_BYTES_PER_JOB
                        + " bytes each");
            }
            List<Job> jobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                jobs.add(job(in, properties.getType(), i));
            }
            if (in.hasRemaining()) {
                throw new MalformedEnvelopeException(
                        "bundle has " + in.remaining() + " bytes after its " + count + " jobs: expected none");
            }
            return jobs;
        } catch (BufferUnderflowException e) {
            throw new MalformedEnvelopeException(
                    "bundle ends after " + body.length + " bytes, in the middle of its structure: expected the rest");
        }
    }

    private static Job job(ByteBuffer in, String type, int index) {
        String jobId = text(in);
        String contentType = text(in);
        String schedule = text(in);
        long dueAt = in.getLong();
        long submittedAt = in.getLong();
        int attempt = in.getInt();
        int maxAttempts = in.getInt();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MalformedEnvelopeException("job " + index + " of the bundle has a payload of " + length
                    + " bytes where " + in.remaining() + " remain: expected 0 to " + in.remaining());
        }
        byte[] payload = new byte[length];
        in.get(payload);
        Map<String, Object> headers =
                EnvelopeCodec.headers(dueAt, attempt, submittedAt, schedule, maxAttempts == 0 ? null : maxAttempts);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(jobId)
                .type(type)
                .contentType(contentType)
                .timestamp(new Date(submittedAt))
                .deliveryMode(PERSISTENT)
                .headers(headers)
                .build();
        return new Job(properties, payload);
    }

    private static void putText(ByteBuffer out, String text) {
        byte[] bytes = utf8(text);
        out.putShort((short) bytes.length);
        out.put(bytes);
    }

    /** Absent text is written as empty and read back as absent: no field of a job is empty when set. */
    private static String text(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        if (text == null) {
            return new byte[0];
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SHORT_TEXT) {
            throw new IllegalArgumentException(
                    "a bundle field of " + bytes.length + " bytes exceeds " + MAX_SHORT_TEXT);
        }
        return bytes;
    }
}
