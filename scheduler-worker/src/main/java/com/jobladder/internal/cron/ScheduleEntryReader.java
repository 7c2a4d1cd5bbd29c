package com.jobladder.internal.cron;

import static com.jobladder.internal.cron.ScheduleFileParser.error;

import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.OverlapPolicy;
import com.jobladder.handler.RecurringJob;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one schedule's block of the schedules file; every problem goes to {@code errors}, with its line. */
final class ScheduleEntryReader {
    static final Set<String> KEYS = Set.of(
            "cron",
            "syntax",
            "time-zone",
            "job-type",
            "payload",
            "content-type",
            "misfire",
            "misfire-cap",
            "misfire-threshold",
            "overlap",
            "enabled",
            "max-attempts");

    private final String label;
    private final String name;
    private final ConfigValue value;
    private final List<ScheduleError> errors;
    private final int errorsBefore;
    /** Keys whose value was already reported as unreadable, so a rule does not report them again. */
    private final Set<String> reported = new HashSet<>();

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
            errors.add(error(
                    label,
                    value,
                    path(null) + " = " + value.render() + " is invalid: expected a block"
                            + " { cron = ..., syntax = ..., time-zone = ..., job-type = ... }"));
            return Optional.empty();
        }
        config = ((ConfigObject) value).toConfig();
        for (Map.Entry<String, ConfigValue> key : ((ConfigObject) value).entrySet()) {
            if (!KEYS.contains(key.getKey())) {
                errors.add(error(
                        label,
                        key.getValue(),
                        "unknown setting " + path(key.getKey()) + ": expected one" + " of "
                                + String.join(", ", new java.util.TreeSet<>(KEYS))));
            }
        }
        CronSyntax syntax = enumValue("syntax", CronSyntax.class, null);
        String cron = string("cron", null);
        ZoneId zone = zone();
        String jobType = string("job-type", null);
        String payload = string("payload", "");
        String contentType = string("content-type", RecurringJob.DEFAULT_CONTENT_TYPE);
        MisfirePolicy misfire = enumValue("misfire", MisfirePolicy.class, RecurringJob.DEFAULT_MISFIRE);
        int cap = integer("misfire-cap", RecurringJob.DEFAULT_MISFIRE_CAP, ScheduleRules.CAP_EXPECTED);
        Duration threshold = threshold();
        OverlapPolicy overlap = enumValue("overlap", OverlapPolicy.class, RecurringJob.DEFAULT_OVERLAP);
        boolean enabled = enabled();
        Integer maxAttempts = integer("max-attempts", null, ScheduleRules.ATTEMPTS_EXPECTED);
        try {
            CronSchedule schedule = new CronSchedule(
                    name,
                    cron,
                    syntax,
                    zone,
                    jobType,
                    payload.getBytes(StandardCharsets.UTF_8),
                    contentType,
                    misfire,
                    cap,
                    threshold,
                    overlap,
                    enabled,
                    maxAttempts);
            return errors.size() > errorsBefore ? Optional.empty() : Optional.of(schedule);
        } catch (InvalidScheduleException e) {
            e.problems().stream()
                    .filter(problem -> !reported.contains(problem.key()))
                    .forEach(this::report);
            return Optional.empty();
        }
    }

    /** A rule of {@link ScheduleRules} broken, said with the file's path, line and rendering. */
    private void report(ScheduleProblem problem) {
        if (problem.key().equals("name")) {
            errors.add(error(label, value, "schedule name \"" + name + "\" is invalid: " + problem.detail()));
            return;
        }
        ConfigValue raw = config.root().get(problem.key());
        errors.add(error(
                label,
                raw != null ? raw : value,
                problem.describe(path(problem.key()), raw != null ? raw.render() : problem.value())));
    }

    private String path(String key) {
        return "schedules." + name + (key == null ? "" : "." + key);
    }

    private void invalid(String key, String expected) {
        reported.add(key);
        errors.add(error(
                label,
                config.root().get(key),
                path(key) + " = " + config.root().get(key).render() + " is invalid: expected " + expected));
    }

    private String string(String key, String fallback) {
        ConfigValue raw = config.root().get(key);
        if (raw == null) {
            return fallback; // a required one is reported missing by the rules
        }
        if (raw.valueType() == ConfigValueType.OBJECT
                || raw.valueType() == ConfigValueType.LIST
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
        String raw = string("time-zone", null);
        if (raw == null) {
            return null;
        }
        List<ScheduleProblem> problems = new ArrayList<>();
        ZoneId zone = ScheduleRules.zone(raw, problems);
        problems.forEach(this::report);
        if (zone == null) {
            reported.add("time-zone");
        }
        return zone;
    }

    /** An integer for the rules to judge; a value that is no integer at all is reported here. */
    private Integer integer(String key, Integer fallback, String expected) {
        if (!config.hasPath(key)) {
            return fallback;
        }
        try {
            return config.getInt(key);
        } catch (ConfigException e) {
            invalid(key, expected);
            return fallback;
        }
    }

    private Duration threshold() {
        if (!config.hasPath("misfire-threshold")) {
            return RecurringJob.DEFAULT_MISFIRE_THRESHOLD;
        }
        try {
            return config.getDuration("misfire-threshold");
        } catch (ConfigException e) {
            invalid("misfire-threshold", ScheduleRules.THRESHOLD_EXPECTED);
            return RecurringJob.DEFAULT_MISFIRE_THRESHOLD;
        }
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
