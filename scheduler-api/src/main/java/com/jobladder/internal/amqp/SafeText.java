package com.jobladder.internal.amqp;

import com.rabbitmq.client.LongString;
import java.util.List;
import java.util.Map;

/**
 * Makes text that came from a message fit to print: in a log line, a dead reason header or an
 * audit row. A publisher controls header values, so they are shown escaped (control, format and
 * separator characters as {@code \n}, {@code \u0000}; never raw) and capped in length.
 */
public final class SafeText {
    /** How much of a raw value a reason or log line shows. */
    public static final int VALUE_CHARS = 120;
    /**
     * Dead reasons are capped at about 1 KB: they travel in a header, echo handler errors and
     * must never approach the frame size.
     */
    public static final int REASON_CHARS = 1024;

    private SafeText() {}

    /** A header or property value in quotes, escaped and capped; non-text values are described, not dumped. */
    public static String quote(Object value) {
        if (value == null) {
            return "<none>";
        }
        if (value instanceof String || value instanceof LongString) {
            return "\"" + capped(value.toString(), VALUE_CHARS) + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "<" + kind(value).substring(kind(value).indexOf(' ') + 1) + ">";
    }

    /** What kind of AMQP field value this is, with its article: "expected an integer, got a table of 2 entries". */
    public static String kind(Object value) {
        if (value instanceof byte[] bytes) {
            return "a byte array of " + bytes.length + " bytes";
        }
        if (value instanceof Map<?, ?> table) {
            return "a table of " + table.size() + " entries";
        }
        if (value instanceof List<?> array) {
            return "an array of " + array.size() + " values";
        }
        if (value instanceof String || value instanceof LongString) {
            return "a string";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    /** A dead reason as it goes into the {@code job-dead-reason} header. */
    public static String reason(String reason) {
        return capped(reason, REASON_CHARS);
    }

    /** Escaped, and cut after {@code maxChars} with a note of how much was left out. */
    public static String capped(String text, int maxChars) {
        String escaped = escaped(text);
        if (escaped.length() <= maxChars) {
            return escaped;
        }
        int cut = cutPoint(escaped, maxChars);
        return escaped.substring(0, cut) + "...(" + (escaped.length() - cut) + " more characters)";
    }

    /** Control, format and line/paragraph separator characters and lone surrogates as escapes; the rest unchanged. */
    public static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(text, i, c);
            if (escape == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(escape);
        }
        return out == null ? text : out.toString();
    }

    /** The largest length of at most {@code max} that does not split a surrogate pair. */
    public static int cutPoint(String text, int max) {
        if (text.length() <= max) {
            return text.length();
        }
        return max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }

    private static String escape(String text, int i, char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? null : unicode(c);
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? null : unicode(c);
        }
        int type = Character.getType(c);
        if (Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return unicode(c);
        }
        return null;
    }

    private static String unicode(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
