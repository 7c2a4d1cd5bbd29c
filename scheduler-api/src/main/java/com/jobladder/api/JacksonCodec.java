package com.jobladder.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * JSON through Jackson. Only this class names Jackson's types, and {@link JobCodec#json} loads it
 * only after finding Jackson on the classpath: without Jackson the rest of the API works. It
 * catches IOException, never a Jackson exception type, so that verifying it loads nothing of Jackson.
 */
final class JacksonCodec<T> implements JobCodec<T> {
    private final Class<T> payloadClass;
    private final ObjectMapper mapper;

    JacksonCodec(Class<T> payloadClass) {
        this.payloadClass = payloadClass;
        // Modules on the classpath (java.time, Kotlin, ...) are picked up, as the application would expect.
        this.mapper =
                new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] encode(T payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot write " + payloadClass.getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        T value;
        try {
            value = mapper.readValue(bytes, payloadClass);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (value == null) {
            throw new IllegalArgumentException("the payload is JSON null: expected a " + payloadClass.getName());
        }
        return value;
    }

    @Override
    public String toString() {
        return "JSON codec for " + payloadClass.getName() + " (" + contentType() + ")";
    }
}
