package com.jobladder.api;

/**
 * Turns the payload of a {@link JobType} into bytes and back. The built-in codecs are
 * {@link #json(Class)} (Jackson), {@link #bytes()} and {@link #text()}; an application may write
 * its own. Encoding runs in the submitting application, decoding in the worker just before the
 * handler: a payload that does not decode is a poison message, sent to the dead-job queue with the
 * reason, never retried. A codec is shared by every thread that schedules or runs jobs of its
 * types: it must be thread-safe (the built-in ones are stateless).
 *
 * @param <T> the payload type handlers receive
 */
public interface JobCodec<T> {

    /**
     * The MIME type sent as the message's {@code content-type}.
     *
     * @return printable ASCII of at most 255 characters, for example {@code application/json}
     */
    String contentType();

    /**
     * Turns a payload into the message body, in the application that schedules the job.
     *
     * @param payload the payload, never null
     * @return the bytes the handler's side decodes
     * @throws RuntimeException with a message saying what is wrong when the payload cannot be encoded;
     *                          {@link JobType#with} reports it as an {@link InvalidRequestException}
     */
    byte[] encode(T payload);

    /**
     * Turns a message body back into the payload, in the worker just before the handler runs.
     *
     * @param bytes the message body
     * @return the payload; never null
     * @throws RuntimeException with a message saying what is wrong when {@code bytes} are not a valid payload;
     *                          {@link JobType#decode} reports it as an {@link UndecodablePayloadException}
     */
    T decode(byte[] bytes);

    /**
     * The payload bytes as they are. Each side gets a copy of the array.
     *
     * @return the codec, with content type {@link JobRequest#DEFAULT_CONTENT_TYPE}
     */
    static JobCodec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }

    /**
     * UTF-8 text. Decoding is strict: bytes that are not valid UTF-8 do not decode.
     *
     * @return the codec, with content type {@link ContentTypes#TEXT}
     */
    static JobCodec<String> text() {
        return TextCodec.INSTANCE;
    }

    /**
     * JSON through Jackson ({@code com.fasterxml.jackson.core:jackson-databind}, an optional
     * dependency the application brings). Properties the class does not know are ignored, so a
     * producer may add fields before its consumers learn them. Jackson modules on the classpath
     * (java.time, Kotlin, ...) are registered.
     *
     * @param payloadClass the class payloads decode to
     * @param <T>          the payload type
     * @return the codec, with content type {@code application/json}
     * @throws InvalidRequestException when {@code payloadClass} is null
     * @throws JobladderException      at once when jackson-databind is not on the classpath
     */
    static <T> JobCodec<T> json(Class<T> payloadClass) {
        InvalidRequestException.requireNonNull(payloadClass, "payload class");
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JobCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new JobladderException(
                    "JSON job payloads need Jackson, which is not on the classpath: add"
                            + " com.fasterxml.jackson.core:jackson-databind (2.12 or later) to the application's dependencies,"
                            + " or use JobType.bytes, JobType.text or JobType.of(name, codec) with a codec of your own",
                    e);
        }
        return new JacksonCodec<>(payloadClass);
    }
}
