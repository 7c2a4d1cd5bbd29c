package com.jobladder.api;

import java.util.Objects;

/**
 * A kind of job and the payload it carries, declared once and shared by the code that schedules
 * it and the handler that runs it:
 * <pre>{@code
 * static final JobType<Email> SEND_EMAIL = JobType.json("send-email", Email.class);
 *
 * scheduler.schedule(SEND_EMAIL.with(new Email("ada@example.com", "Hello")).after(Duration.ofMinutes(5)));
 * }</pre>
 * On the wire a typed job is an ordinary job: the codec's bytes as the body, its content type as
 * the message's {@code content-type} (docs/wire-format.md). Immutable and thread-safe when its
 * codec is (the built-in ones are).
 *
 * @param <T> the payload type
 */
public final class JobType<T> {
    private final String name;
    private final JobCodec<T> codec;

    private JobType(String name, JobCodec<T> codec) {
        this.name = JobTypes.requireValid(name);
        this.codec = InvalidRequestException.requireNonNull(codec, "codec of job type " + name);
    }

    /**
     * A type with a codec of the application's own.
     *
     * @param name  the job type, a routing-key word such as {@code send-email} ({@link JobTypes#requireValid})
     * @param codec turns the payload into bytes and back; shared by every thread, so thread-safe
     * @param <T>   the payload type
     * @return the type
     * @throws InvalidRequestException when the name is invalid or the codec null
     */
    public static <T> JobType<T> of(String name, JobCodec<T> codec) {
        return new JobType<>(name, codec);
    }

    /**
     * A type whose payload travels as JSON, through Jackson ({@link JobCodec#json(Class)}).
     *
     * @param name         the job type, a routing-key word such as {@code send-email}
     * @param payloadClass the class payloads decode to, for example a record
     * @param <T>          the payload type
     * @return the type
     * @throws InvalidRequestException when the name is invalid or the class null
     * @throws JobladderException      when {@code com.fasterxml.jackson.core:jackson-databind} is not on the
     *                                 classpath
     */
    public static <T> JobType<T> json(String name, Class<T> payloadClass) {
        return new JobType<>(name, JobCodec.json(payloadClass));
    }

    /**
     * A type whose payload is bytes, passed as they are ({@link JobCodec#bytes()}).
     *
     * @param name the job type, a routing-key word such as {@code resize-image}
     * @return the type
     * @throws InvalidRequestException when the name is invalid
     */
    public static JobType<byte[]> bytes(String name) {
        return new JobType<>(name, JobCodec.bytes());
    }

    /**
     * A type whose payload is UTF-8 text ({@link JobCodec#text()}).
     *
     * @param name the job type, a routing-key word such as {@code report}
     * @return the type
     * @throws InvalidRequestException when the name is invalid
     */
    public static JobType<String> text(String name) {
        return new JobType<>(name, JobCodec.text());
    }

    /**
     * The job type's name, which routes its jobs to the handlers registered for it.
     *
     * @return a routing-key word such as {@code send-email}
     */
    public String name() {
        return name;
    }

    /**
     * The codec that encodes this type's payloads when they are scheduled and decodes them for the handler.
     *
     * @return the codec
     */
    public JobCodec<T> codec() {
        return codec;
    }

    /**
     * A request for a job of this type carrying {@code payload}, to finish with
     * {@link JobRequest.Builder#after}, {@link JobRequest.Builder#at} or {@link JobRequest.Builder#now}.
     * The payload is encoded now, with the codec's content type.
     *
     * @param payload the payload
     * @return a builder for the request, which may also set {@link JobRequest.Builder#id} and
     *         {@link JobRequest.Builder#maxAttempts}
     * @throws InvalidRequestException when the payload is null or the codec cannot encode it
     */
    public JobRequest.Builder with(T payload) {
        InvalidRequestException.requireNonNull(payload, "payload of job type " + name);
        byte[] bytes;
        try {
            bytes = codec.encode(payload);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    "payload of job type " + name + " cannot be encoded with " + codec + ": " + e.getMessage(), e);
        }
        return JobRequest.ofType(name).payload(bytes, codec.contentType());
    }

    /**
     * The payload a handler receives, decoded from a message body.
     *
     * @param payload the message body
     * @return the decoded payload, never null
     * @throws UndecodablePayloadException saying which type, which codec and what was wrong
     */
    public T decode(byte[] payload) {
        try {
            return Objects.requireNonNull(codec.decode(payload), "the codec decoded the payload to null");
        } catch (RuntimeException e) {
            throw new UndecodablePayloadException(name, codec, e);
        }
    }

    @Override
    public String toString() {
        return "job type " + name + " with " + codec;
    }
}
