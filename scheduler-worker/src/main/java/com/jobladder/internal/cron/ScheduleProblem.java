package com.jobladder.internal.cron;

/**
 * One setting of a schedule that breaks a rule, in the file's words, whether the schedule comes
 * from {@code conf/schedules.conf} or from code: the file prints
 * {@code conf/schedules.conf:4: schedules.nightly.cron = "61 2 * * *" is invalid: ...}, code
 * {@code recurring job nightly (declared at ...): cron = "61 2 * * *" is invalid: ...}.
 *
 * @param key    the file's key, e.g. {@code misfire-cap}; {@code name} for the schedule's name
 * @param value  the value as code gave it, quoted when a string or duration; null when the setting is missing
 * @param detail what follows "is missing: " or "is invalid: "
 */
public record ScheduleProblem(String key, String value, String detail) {

    static ScheduleProblem missing(String key, String expected) {
        return new ScheduleProblem(key, null, "expected " + expected);
    }

    static ScheduleProblem invalid(String key, Object value, String detail) {
        return new ScheduleProblem(key, render(value), detail);
    }

    public boolean missing() {
        return value == null;
    }

    /** {@code key = value is invalid: ...} or {@code key is missing: ...}. */
    @Override
    public String toString() {
        return describe(key, value);
    }

    /** With the file's path and rendering of the value: {@code schedules.a.cron = "61 2 * * *" is invalid: ...}. */
    public String describe(String path, String rendered) {
        return missing() ? path + " is missing: " + detail : path + " = " + rendered + " is invalid: " + detail;
    }

    private static String render(Object value) {
        if (value instanceof java.time.Duration duration) { // as HOCON renders the file's 30s
            return render(ScheduleListing.duration(duration));
        }
        if (value instanceof String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(value);
    }
}
