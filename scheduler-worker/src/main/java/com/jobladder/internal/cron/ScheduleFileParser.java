package com.jobladder.internal.cron;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code conf/schedules.conf} (HOCON) into validated {@link CronSchedule}s. It does not stop
 * at the first mistake: the result lists every error with its file, line and reason, in the style
 * of the scheduler's configuration ({@code file:line: key = value is invalid: expected ...}).
 */
public final class ScheduleFileParser {
    private ScheduleFileParser() {}

    public static ScheduleFile parse(Path file) {
        String label = file.toString();
        if (!Files.isRegularFile(file)) {
            return invalid(label, 0, "the schedules file does not exist or is not a file");
        }
        try {
            return parse(label, Files.readString(file));
        } catch (java.io.IOException e) {
            return invalid(label, 0, "cannot read the schedules file: " + e);
        }
    }

    /** Parses HOCON text; {@code label} names it in errors (the file's path). */
    public static ScheduleFile parse(String label, String hocon) {
        return parse(label, hocon, Map.of());
    }

    /**
     * As {@link #parse(String, String)}, refusing the names of schedules declared in code.
     *
     * @param declaredInCode where each schedule declared in code was declared, by name
     */
    static ScheduleFile parse(String label, String hocon, Map<String, String> declaredInCode) {
        Config root;
        try {
            root = ConfigFactory.parseString(
                    hocon, ConfigParseOptions.defaults().setOriginDescription(label));
        } catch (ConfigException e) {
            int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
            return invalid(
                    label,
                    line,
                    "malformed HOCON: "
                            + e.getMessage()
                                    .replaceFirst("^" + java.util.regex.Pattern.quote(label) + "(: \\d+)?: ", ""));
        }
        List<ScheduleError> errors = new ArrayList<>();
        List<CronSchedule> schedules = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> top : root.root().entrySet()) {
            if (!top.getKey().equals("schedules")) {
                errors.add(error(
                        label,
                        top.getValue(),
                        "unknown setting " + top.getKey()
                                + ": expected only a schedules { ... } block (docs/cron.md)"));
            }
        }
        ConfigValue block = root.root().get("schedules");
        if (block != null && block.valueType() != ConfigValueType.OBJECT) {
            errors.add(error(
                    label,
                    block,
                    "schedules = " + block.render() + " is invalid: expected an object of"
                            + " named schedules, as in schedules { nightly-report { cron = \"0 2 * * *\" ... } }"));
        } else if (block != null) {
            for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) block).entrySet()) {
                String codeSite = declaredInCode.get(entry.getKey());
                if (codeSite != null) {
                    errors.add(error(
                            label,
                            entry.getValue(),
                            "schedule " + entry.getKey() + " is also declared in" + " code, at " + codeSite
                                    + ": expected each schedule name once; rename or remove one"));
                }
                new ScheduleEntryReader(label, entry.getKey(), entry.getValue(), errors)
                        .read()
                        .ifPresent(schedules::add);
            }
        }
        schedules.sort(java.util.Comparator.comparing(CronSchedule::name));
        return new ScheduleFile(label, errors.isEmpty() ? schedules : List.of(), errors);
    }

    private static ScheduleFile invalid(String label, int line, String reason) {
        return new ScheduleFile(label, List.of(), List.of(new ScheduleError(label, line, reason)));
    }

    static ScheduleError error(String label, ConfigValue at, String reason) {
        return new ScheduleError(label, Math.max(0, at.origin().lineNumber()), reason);
    }
}
