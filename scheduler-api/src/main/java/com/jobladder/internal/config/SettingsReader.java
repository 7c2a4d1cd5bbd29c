package com.jobladder.internal.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import java.time.Duration;
import java.util.Locale;

/** Reads typed values and turns every mistake into "where: key = value: what is expected". */
final class SettingsReader {
    private final Config config;

    SettingsReader(Config config) {
        this.config = config;
    }

    String string(String path) {
        try {
            return config.getString(path);
        } catch (ConfigException e) {
            throw invalid(path, "a string");
        }
    }

    java.util.List<String> stringList(String path) {
        return stringList(path, "a list of strings such as [\"com.example.MyHandlers\"]");
    }

    java.util.List<String> stringList(String path, String expected) {
        try {
            return config.getStringList(path);
        } catch (ConfigException e) {
            throw invalid(path, expected);
        }
    }

    boolean bool(String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            throw invalid(path, "true or false");
        }
    }

    int intBetween(String path, int min, int max) {
        int value;
        try {
            value = config.getInt(path);
        } catch (ConfigException e) {
            throw invalid(path, "an integer from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw invalid(path, "an integer from " + min + " to " + max);
        }
        return value;
    }

    long longAtLeast(String path, long min) {
        long value;
        try {
            value = config.getLong(path);
        } catch (ConfigException e) {
            throw invalid(path, "an integer of at least " + min);
        }
        if (value < min) {
            throw invalid(path, "an integer of at least " + min);
        }
        return value;
    }

    Duration positiveDuration(String path) {
        return duration(path, false, "a positive duration such as 500ms, 10s or 5m");
    }

    Duration nonNegativeDuration(String path) {
        return duration(path, true, "a duration of zero or more such as 0ms, 5ms or 1s");
    }

    private Duration duration(String path, boolean zeroAllowed, String expected) {
        Duration value;
        try {
            value = config.getDuration(path);
        } catch (ConfigException e) {
            throw invalid(path, expected);
        }
        if (value.isNegative() || (value.isZero() && !zeroAllowed)) {
            throw invalid(path, expected);
        }
        return value;
    }

    <E extends Enum<E>> E enumValue(String path, Class<E> type) {
        String raw = string(path);
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder options = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                options.append(options.length() == 0 ? "" : " or ")
                        .append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw invalid(path, options.toString());
        }
    }

    ConfigurationException invalid(String path, String expected) {
        return new ConfigurationException(
                where(path) + ": " + path + " = " + shown(path) + " is invalid: expected " + expected);
    }

    ConfigurationException invalid(String path, String expected, Throwable cause) {
        return new ConfigurationException(
                where(path) + ": " + path + " = " + shown(path) + " is invalid: " + expected, cause);
    }

    /** "conf/scheduler.conf:12", or the setting's origin when it did not come from a file. */
    String where(String path) {
        if (!config.hasPathOrNull(path)) {
            return "(missing)";
        }
        return describe(config.getValue(path).origin());
    }

    static String describe(ConfigOrigin origin) {
        if (origin.filename() != null && origin.lineNumber() > 0) {
            return origin.filename() + ":" + origin.lineNumber();
        }
        return origin.description();
    }

    private String shown(String path) {
        if (!config.hasPathOrNull(path)) {
            return "<missing>";
        }
        if (path.endsWith("password") || path.endsWith("token")) {
            return "***";
        }
        String rendered = config.getValue(path).render(ConfigRenderOptions.concise());
        return path.endsWith("uri") || path.endsWith("jdbc-url") ? Secrets.redact(rendered) : rendered;
    }
}
