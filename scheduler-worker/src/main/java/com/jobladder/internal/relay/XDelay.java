package com.jobladder.internal.relay;

import com.jobladder.internal.amqp.SafeText;
import com.rabbitmq.client.LongString;
import java.time.Duration;
import java.util.Map;

/**
 * Reads the delayed-message plugin's {@code x-delay} header: milliseconds, as an integer of any
 * width or as decimal text. Missing, zero or negative means now.
 */
final class XDelay {
    static final String HEADER = "x-delay";

    private XDelay() {}

    /** The delay a message asks for; {@link Duration#ZERO} for now. */
    static Duration of(Map<String, Object> headers) throws MalformedDelayException {
        Object value = headers == null ? null : headers.get(HEADER);
        if (value == null) {
            return Duration.ZERO;
        }
        long millis;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            millis = ((Number) value).longValue();
        } else if (value instanceof String || value instanceof LongString) {
            try {
                millis = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new MalformedDelayException("header " + HEADER + " = " + SafeText.quote(value)
                        + ": expected milliseconds as an integer or decimal text, such as 5000");
            }
        } else {
            throw new MalformedDelayException("header " + HEADER + " = " + SafeText.quote(value)
                    + ": expected milliseconds as an integer or decimal text, got " + SafeText.kind(value));
        }
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }

    /** The header is there but says no delay the relay can read. */
    static final class MalformedDelayException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDelayException(String message) {
            super(message);
        }
    }
}
