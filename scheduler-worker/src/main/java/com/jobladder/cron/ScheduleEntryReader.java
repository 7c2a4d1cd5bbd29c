package com.jobladder.cron;

import static com.jobladder.cron.ScheduleFileParser.error;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobTypes;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one schedule's block of the schedules file; every problem goes to {@code errors}, with its line. */
final class ScheduleEntryReader {
    static final Set<String> KEYS = Set.of("cron", "syntax", "time-zone", "job-type", "payload", "content-type",
            "misfire", "misfire-cap", "misfire-threshold", "overlap", "enabled");

    private final String label;
    private final String name;
    private final ConfigValue value;
    private final List<ScheduleError> errors;
    private final int errorsBefore;
    private Config config;

    ScheduleEntryReader(String label, String name, ConfigValue value, List<ScheduleError> errors) {
        this.label = label;
        this.name = name;
        this.value = value;
        this.errors = errors;
        this.errorsBefore = errors.size();
    }

    Optional<CronSchedule> read() {
        if (value.valueType() != ConfigValueType.OBJECT) {
            errors.add(error(label, value, path(null) + " = " + value.render() + " is invalid: expected a block"
                    + " { cron = ..., syntax = ..., time-zone = ..., job-type = ... }"));
            return Optional.empty();
        }
        config = ((ConfigObject) value).toConfig();
        for (Map.Entry<String, ConfigValue> key : ((ConfigObject) value).entrySet()) {
            if (!KEYS.contains(key.getKey())) {
                errors.add(error(label, key.getValue(), "unknown setting " + path(key.getKey()) + ": expected one"
                        + " of " + String.join(", ", new java.util.TreeSet<>(KEYS))));
            }
        }
        CronSyntax syntax = enumValue("syntax", CronSyntax.class, null);
        String cron = string("cron", null);
        ZoneId zone = zone();
        String jobType = string("job-type", null);
        if (jobType != null) {
            try {
                JobTypes.requireValid(jobType);
            } catch (InvalidRequestException e) {
                invalid("job-type", "a job type of " + JobTypes.MAX_LENGTH + " or fewer characters of [a-z0-9_-]");
            }
        }
        if (cron != null && syntax != null) {
            try {
                CronExpressions.parse(syntax, cron);
            } catch (IllegalArgumentException e) {
                errors.add(error(label, config.root().get("cron"), path("cron") + " = " + config.root().get("cron")
                        .render() + " is invalid: " + e.getMessage()));
            }
        }
        String payload = string("payload", CronSchedule.DEFAULT_PAYLOAD);
        String contentType = string("content-type", CronSchedule.DEFAULT_CONTENT_TYPE);
        MisfirePolicy misfire = enumValue("misfire", MisfirePolicy.class, CronSchedule.DEFAULT_MISFIRE);
        int cap = cap();
        Duration threshold = threshold();
        OverlapPolicy overlap = enumValue("overlap", OverlapPolicy.class, CronSchedule.DEFAULT_OVERLAP);
        boolean enabled = enabled();
        if (errors.size() > errorsBefore) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CronSchedule(name, cron, syntax, zone, jobType, payload, contentType,
                    misfire, cap, threshold, overlap, enabled));
        } catch (IllegalArgumentException | InvalidRequestException e) {
            errors.add(error(label, value, "schedule " + name + " is invalid: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private String path(String key) {
        return "schedules." + name + (key == null ? "" : "." + key);
    }

    private void invalid(String key, String expected) {
        errors.add(error(label, config.root().get(key), path(key) + " = " + config.root().get(key).render()
                + " is invalid: expected " + expected));
    }

    private void missing(String key, String expected) {
        errors.add(error(label, value, path(key) + " is missing: expected " + expected));
    }

    private String string(String key, String fallback) {
        ConfigValue raw = config.root().get(key);
        if (raw == null) {
            if (fallback == null) {
                missing(key, key.equals("cron") ? "a cron expression such as \"0 2 * * *\""
                        : key.equals("job-type") ? "the job type to run, such as \"report\"" : "a string");
            }
            return fallback;
        }
        if (raw.valueType() == ConfigValueType.OBJECT || raw.valueType() == ConfigValueType.LIST
                || raw.valueType() == ConfigValueType.NULL) {
            invalid(key, "a string");
            return fallback;
        }
        return config.getString(key);
    }

    private <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        StringBuilder options = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            options.append(options.length() == 0 ? "" : " or ")
                    .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (config.root().get(key) == null && fallback == null) {
            missing(key, options.toString());
            return null;
        }
        String raw = string(key, fallback == null ? null : fallback.name());
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            invalid(key, options.toString());
            return fallback;
        }
    }

    private ZoneId zone() {
        if (config.root().get("time-zone") == null) {
            missing("time-zone", "a time-zone region such as \"Europe/Berlin\" or \"UTC\"");
            return null;
        }
        String raw = string("time-zone", "UTC");
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            invalid("time-zone", "a time-zone region such as \"Europe/Berlin\" or \"UTC\" (" + e.getMessage() + ")");
            return null;
        }
    }

    private int cap() {
        if (!config.hasPath("misfire-cap")) {
            return CronSchedule.DEFAULT_MISFIRE_CAP;
        }
        try {
            int cap = config.getInt("misfire-cap");
            if (cap >= 1 && cap <= CronSchedule.MAX_MISFIRE_CAP) {
                return cap;
            }
        } catch (ConfigException e) {
            // reported below
        }
        invalid("misfire-cap", "an integer from 1 to " + CronSchedule.MAX_MISFIRE_CAP);
        return CronSchedule.DEFAULT_MISFIRE_CAP;
    }

    private Duration threshold() {
        if (!config.hasPath("misfire-threshold")) {
            return CronSchedule.DEFAULT_MISFIRE_THRESHOLD;
        }
        try {
            Duration threshold = config.getDuration("misfire-threshold");
            if (!threshold.isNegative()) {
                return threshold;
            }
        } catch (ConfigException e) {
            // reported below
        }
        invalid("misfire-threshold", "a duration of zero or more such as 30s, 1m or 1h");
        return CronSchedule.DEFAULT_MISFIRE_THRESHOLD;
    }

    private boolean enabled() {
        if (!config.hasPath("enabled")) {
            return true;
        }
        try {
            return config.getBoolean("enabled");
        } catch (ConfigException e) {
            invalid("enabled", "true or false");
            return true;
        }
    }
}
