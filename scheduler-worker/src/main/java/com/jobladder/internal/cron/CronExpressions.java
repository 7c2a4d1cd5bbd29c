package com.jobladder.internal.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses cron expressions with cron-utils, expands the Unix macros, spells out Quartz's wrapping
 * ranges, and turns cron-utils' errors into messages that name the field that is wrong.
 */
final class CronExpressions {
    /** The usual Vixie-cron macros; cron-utils' Unix definition refuses them, so they are expanded here. */
    static final Map<String, String> UNIX_MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final Map<CronSyntax, CronParser> PARSERS = new EnumMap<>(CronSyntax.class);

    static {
        for (CronSyntax syntax : CronSyntax.values()) {
            CronDefinition definition = CronDefinitionBuilder.instanceDefinitionFor(syntax.cronType());
            PARSERS.put(syntax, new CronParser(definition));
        }
    }

    private CronExpressions() {}

    /** Parses and validates, or throws {@link IllegalArgumentException} saying which field is wrong and why. */
    static Cron parse(CronSyntax syntax, String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty: expected " + expected(syntax));
        }
        String text = prepare(syntax, expression);
        Cron cron;
        try {
            cron = PARSERS.get(syntax).parse(text).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(explain(syntax, text, e), e);
        }
        if (syntax == CronSyntax.QUARTZ) {
            NearestWeekdays.parse(text.split("\\s+")[3]);
        }
        return cron;
    }

    /** The text cron-utils is given: a macro expanded, Quartz's wrapping ranges spelt out as lists. */
    static String prepare(CronSyntax syntax, String expression) {
        String text = expand(syntax, expression);
        return syntax == CronSyntax.QUARTZ ? WrappingRanges.unwrap(text) : text;
    }

    /**
     * Whether cron's DST rule treats the expression as fixed-time: its minute and hour fields (and,
     * for Quartz, its seconds) contain neither {@code *} nor {@code /} once a macro is expanded.
     * {@code @daily} and {@code 30 1-3 * * *} are; {@code @hourly} and {@code 0 *}{@code /2 * * *} are not.
     */
    static boolean isFixedTime(CronSyntax syntax, String expression) {
        String[] fields = expand(syntax, expression).split("\\s+");
        int timeFields = syntax == CronSyntax.UNIX ? 2 : 3;
        for (int i = 0; i < timeFields; i++) {
            if (fields[i].contains("*") || fields[i].contains("/")) {
                return false;
            }
        }
        return true;
    }

    /** The expression with a macro replaced by its five fields; anything else trimmed. */
    static String expand(CronSyntax syntax, String expression) {
        String text = expression.trim();
        if (!text.startsWith("@")) {
            return text;
        }
        String macro = UNIX_MACROS.get(text.toLowerCase(Locale.ROOT));
        if (syntax != CronSyntax.UNIX) {
            throw new IllegalArgumentException(
                    "macro " + text + " is only allowed with syntax = unix: expected " + expected(syntax));
        }
        if (macro == null) {
            throw new IllegalArgumentException("unknown macro " + text + ": expected one of @yearly, @annually,"
                    + " @monthly, @weekly, @daily, @midnight, @hourly");
        }
        return macro;
    }

    static String expected(CronSyntax syntax) {
        return syntax == CronSyntax.UNIX
                ? "5 fields (minute hour day-of-month month day-of-week) such as \"0 2 * * *\", or a macro such as @daily"
                : "6 or 7 fields (second minute hour day-of-month month day-of-week [year]) such as \"0 0 2 * * ?\"";
    }

    private static String explain(CronSyntax syntax, String text, IllegalArgumentException error) {
        String[] fields = text.split("\\s+");
        int min = syntax == CronSyntax.UNIX ? 5 : 6;
        int max = syntax == CronSyntax.UNIX ? 5 : 7;
        if (fields.length < min || fields.length > max) {
            return "\"" + text + "\" has " + fields.length + " fields: expected " + expected(syntax)
                    + (syntax == CronSyntax.UNIX && fields.length >= 6 ? " (or set syntax = quartz)" : "")
                    + (syntax == CronSyntax.QUARTZ && fields.length == 5 ? " (or set syntax = unix)" : "");
        }
        for (int i = 0; i < fields.length; i++) {
            String probe = String.join(" ", probe(syntax, fields, i));
            try {
                PARSERS.get(syntax).parse(probe).validate();
            } catch (IllegalArgumentException e) {
                return "field " + (i + 1) + " (" + syntax.fieldName(i) + ") \"" + fields[i] + "\" is invalid: "
                        + reason(e)
                        + (syntax == CronSyntax.UNIX && reason(e).startsWith("Invalid range")
                                ? ": a unix range runs from low to high and cannot wrap round; split it, as in 22-23,0-2"
                                : "");
            }
        }
        String reason = reason(error);
        if (syntax == CronSyntax.QUARTZ && reason.contains("day-of-week AND a day-of-month")) {
            return "\"" + text + "\" sets both field 4 (day-of-month) and field 6 (day-of-week): Quartz expects ?"
                    + " in one of them, as in \"0 0 2 * * ?\"";
        }
        return "\"" + text + "\" is invalid: " + reason;
    }

    /** A known-good expression with only field {@code index} taken from the user's. */
    private static String[] probe(CronSyntax syntax, String[] fields, int index) {
        String[] probe;
        if (syntax == CronSyntax.UNIX) {
            probe = new String[] {"0", "0", "*", "*", "*"};
        } else {
            probe = Arrays.copyOf(new String[] {"0", "0", "0", "*", "*", "?", "*"}, fields.length);
        }
        probe[index] = fields[index];
        if (syntax == CronSyntax.QUARTZ && index == 3) {
            probe[5] = "?".equals(fields[3]) ? "*" : "?";
        } else if (syntax == CronSyntax.QUARTZ && index == 5) {
            probe[3] = "?".equals(fields[5]) ? "*" : "?";
        }
        return probe;
    }

    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace("Failed to parse cron expression. ", "").replace("Failed to parse '", "'");
    }
}
