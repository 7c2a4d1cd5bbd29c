package com.jobladder.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to publish to a relay's delayed exchange, to reach the exchange's target when due
 * (docs/migrating-from-delayed-message-plugin.md). Build one with {@link #to}; hand it to
 * {@link JobScheduler#delay}. The body is copied in and out: a message never changes once built.
 *
 * @param delayedExchange a delayed exchange a worker declares ({@code jobladder.relay.exchanges})
 * @param routingKey      the routing key the message keeps on its way to the target
 * @param body            the body, byte for byte
 * @param contentType     the {@code content-type} property, or null
 * @param messageId       the {@code message-id} property, or null
 * @param headers         headers as given (strings, integers, longs, booleans, byte arrays)
 * @param delay           how long after publishing it is due, or null when {@code dueAt} is given
 * @param dueAt           when it is due, or null when {@code delay} is given
 */
public record DelayedMessage(
        String delayedExchange,
        String routingKey,
        byte[] body,
        String contentType,
        String messageId,
        Map<String, Object> headers,
        Duration delay,
        Instant dueAt) {
    /** AMQP carries exchange names, routing keys and short properties in at most 255 bytes. */
    private static final int MAX_SHORT_STRING_BYTES = 255;

    /**
     * Checks the message as a whole.
     *
     * @param delayedExchange a delayed exchange a worker declares
     * @param routingKey      the routing key, or null for none
     * @param body            the body, copied
     * @param contentType     the {@code content-type} property, or null
     * @param messageId       the {@code message-id} property, or null
     * @param headers         the headers, copied; without {@code x-delay}
     * @param delay           zero or more, or null when {@code dueAt} is given
     * @param dueAt           the due instant, or null when {@code delay} is given
     * @throws InvalidRequestException when a name is empty or too long, or neither or both of {@code delay}
     *                                 and {@code dueAt} are given
     */
    public DelayedMessage {
        shortString(delayedExchange, "delayed exchange", false);
        shortString(routingKey, "routing key", true);
        shortString(contentType, "content type", true);
        shortString(messageId, "message id", true);
        body = InvalidRequestException.requireNonNull(body, "body").clone();
        headers = Map.copyOf(InvalidRequestException.requireNonNull(headers, "headers"));
        if ((delay == null) == (dueAt == null)) {
            throw new InvalidRequestException("a delayed message needs a delay or a due instant, one of them:"
                    + " build it with DelayedMessage.to(...).after(delay) or .at(instant)");
        }
        if (delay != null && delay.isNegative()) {
            throw new InvalidRequestException(
                    "delay " + delay + " is negative: expected zero or more (zero delivers it now)");
        }
        if (headers.containsKey("x-delay")) {
            throw new InvalidRequestException(
                    "header x-delay is set from the delay or due instant: leave it out of the headers");
        }
    }

    private static void shortString(String value, String what, boolean nullable) {
        if (value == null) {
            if (!nullable) {
                throw new InvalidRequestException(what + " is null: expected a name");
            }
            return;
        }
        if ((!nullable && value.isEmpty()) || value.getBytes(StandardCharsets.UTF_8).length > MAX_SHORT_STRING_BYTES) {
            throw new InvalidRequestException(what + " \"" + value + "\" is empty or longer than "
                    + MAX_SHORT_STRING_BYTES + " bytes: AMQP carries it as a short string");
        }
    }

    /**
     * Starts a message to a delayed exchange.
     *
     * @param delayedExchange a delayed exchange a worker declares ({@code jobladder.relay.exchanges})
     * @param routingKey      the routing key the target exchange routes it by
     * @return a builder; finish with {@link Builder#after} or {@link Builder#at}
     */
    public static Builder to(String delayedExchange, String routingKey) {
        return new Builder(delayedExchange, routingKey);
    }

    /**
     * The body, byte for byte.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The milliseconds to wait from {@code now}, for the {@code x-delay} header: zero when due.
     *
     * @param clock the clock that says what now is
     * @return milliseconds, zero or more
     */
    public long delayMillis(Clock clock) {
        if (delay != null) {
            return delay.toMillis();
        }
        try {
            return Math.max(0, Duration.between(clock.instant(), dueAt).toMillis());
        } catch (ArithmeticException | DateTimeException e) {
            throw new InvalidRequestException(
                    "due instant " + dueAt + " is too far away to be a delay in milliseconds");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DelayedMessage that
                && delayedExchange.equals(that.delayedExchange)
                && routingKey.equals(that.routingKey)
                && Arrays.equals(body, that.body)
                && Objects.equals(contentType, that.contentType)
                && Objects.equals(messageId, that.messageId)
                && headers.equals(that.headers)
                && Objects.equals(delay, that.delay)
                && Objects.equals(dueAt, that.dueAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                delayedExchange, routingKey, Arrays.hashCode(body), contentType, messageId, headers, delay, dueAt);
    }

    @Override
    public String toString() {
        return "DelayedMessage[delayedExchange=" + delayedExchange + ", routingKey=" + routingKey + ", body="
                + body.length + " bytes, contentType=" + contentType + ", messageId=" + messageId + ", headers="
                + headers.keySet() + ", delay=" + delay + ", dueAt=" + dueAt + "]";
    }

    /** Collects a message's body and properties; {@link #after} or {@link #at} finishes it. */
    public static final class Builder {
        private final String delayedExchange;
        private final String routingKey;
        private byte[] body = new byte[0];
        private String contentType;
        private String messageId;
        private final Map<String, Object> headers = new LinkedHashMap<>();

        private Builder(String delayedExchange, String routingKey) {
            this.delayedExchange = delayedExchange;
            this.routingKey = routingKey;
        }

        /**
         * Sets the body and its content type.
         *
         * @param bytes    the body, copied
         * @param mimeType the {@code content-type} property, or null for none
         * @return this builder
         */
        public Builder body(byte[] bytes, String mimeType) {
            this.body = InvalidRequestException.requireNonNull(bytes, "body").clone();
            this.contentType = mimeType;
            return this;
        }

        /**
         * Sets the {@code message-id} property, which consumers of the target can use to drop a
         * duplicate (delivery is at least once).
         *
         * @param id the message id
         * @return this builder
         */
        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        /**
         * Adds a header.
         *
         * @param name  the header's name; not {@code x-delay}, which the delay sets
         * @param value a String, Integer, Long, Boolean or byte array
         * @return this builder
         * @throws InvalidRequestException when the name or value is null or the value of another type
         */
        public Builder header(String name, Object value) {
            InvalidRequestException.requireNonNull(name, "header name");
            InvalidRequestException.requireNonNull(value, "value of header " + name);
            if (!(value instanceof String
                    || value instanceof Integer
                    || value instanceof Long
                    || value instanceof Boolean
                    || value instanceof byte[])) {
                throw new InvalidRequestException("header " + name + " is a "
                        + value.getClass().getName() + ": expected a String, Integer, Long, Boolean or byte[]");
            }
            headers.put(name, value instanceof byte[] bytes ? bytes.clone() : value);
            return this;
        }

        /**
         * Finishes the message, due {@code delay} after it is published.
         *
         * @param delay zero or more
         * @return the message
         * @throws InvalidRequestException when an argument is invalid
         */
        public DelayedMessage after(Duration delay) {
            InvalidRequestException.requireNonNull(delay, "delay");
            return new DelayedMessage(delayedExchange, routingKey, body, contentType, messageId, headers, delay, null);
        }

        /**
         * Finishes the message, due at {@code dueAt} (a past instant: now).
         *
         * @param dueAt when it is due
         * @return the message
         * @throws InvalidRequestException when an argument is invalid
         */
        public DelayedMessage at(Instant dueAt) {
            InvalidRequestException.requireNonNull(dueAt, "due instant");
            return new DelayedMessage(delayedExchange, routingKey, body, contentType, messageId, headers, null, dueAt);
        }
    }
}
