package com.jobladder.api;

import java.time.Instant;

/**
 * The bounds of every value a job carries, in one place. The API refuses a value past them when
 * a job is built, the worker refuses it when a producer in another language sends it
 * (docs/wire-format.md), and the audit columns of {@code sql/} are sized to hold it.
 */
public final class JobLimits {
    /** Job ids: AMQP {@code message-id} is a short string of at most 255 bytes; the audit columns hold 200. */
    public static final int MAX_JOB_ID_LENGTH = 200;
    /** Job types are routing-key words and a column of 64 characters. */
    public static final int MAX_TYPE_LENGTH = 64;
    /** AMQP carries {@code content-type} as a short string. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;
    /** The name of the cron schedule that fired a job, as the envelope and the audit columns carry it. */
    public static final int MAX_SCHEDULE_NAME_LENGTH = 200;
    /** A worker's id, written into every audit row it records. */
    public static final int MAX_WORKER_ID_LENGTH = 200;
    /** {@code job-attempt} and {@code job-max-attempts}: far beyond any retry policy, well inside an int. */
    public static final int MAX_ATTEMPTS = 1_000_000;
    /**
     * The ceiling of {@code jobladder.worker.max-payload-bytes}: 128 MiB, what RabbitMQ 3.x accepts by
     * default ({@code max_message_size}; 4.x defaults to 16 MiB).
     */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024 * 1024;
    /** Due times travel as epoch milliseconds, from 1970 on: every audit database stores these. */
    public static final Instant EARLIEST_DUE_AT = Instant.EPOCH;
    /** The last due time every audit database stores. */
    public static final Instant LATEST_DUE_AT = Instant.parse("9999-12-31T23:59:59.999Z");

    private JobLimits() {}
}
