package com.jobladder.api;

/**
 * Turns the payload of a {@link JobType} into bytes and back. The built-in codecs are
 * {@link #json(Class)} (Jackson), {@link #bytes()} and {@link #text()}; an application may write
 * its own. Encoding runs in the submitting application, decoding in the worker just before the
 * handler: a payload that does not decode is a poison message, sent to the dead-job queue with the
 * reason, never retried.
 *
 * @param <T> the payload type handlers receive
 */
public interface JobCodec<T> {

    /** The MIME type sent as the message's {@code content-type}, e.g. {@code application/json}. */
    String contentType();

    byte[] encode(T payload);

    /** Throws, with a message saying what is wrong, when {@code bytes} are not a valid payload. */
    T decode(byte[] bytes);

    /** The payload bytes as they are, with content type {@link JobRequest#DEFAULT_CONTENT_TYPE}. */
    static JobCodec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }

    /** UTF-8 text; bytes that are not valid UTF-8 do not decode. */
    static JobCodec<String> text() {
        return TextCodec.INSTANCE;
    }

    /**
     * JSON through Jackson ({@code com.fasterxml.jackson.core:jackson-databind}, an optional
     * dependency the application brings). Properties the class does not know are ignored, so a
     * producer may add fields before its consumers learn them.
     *
     * @throws JobladderException at once when jackson-databind is not on the classpath
     */
    static <T> JobCodec<T> json(Class<T> payloadClass) {
        InvalidRequestException.requireNonNull(payloadClass, "payload class");
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JobCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new JobladderException("JSON job payloads need Jackson, which is not on the classpath: add"
                    + " com.fasterxml.jackson.core:jackson-databind (2.12 or later) to the application's dependencies,"
                    + " or use JobType.bytes, JobType.text or JobType.of(name, codec) with a codec of your own", e);
        }
        return new JacksonCodec<>(payloadClass);
    }
}
