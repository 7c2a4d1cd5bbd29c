package com.jobladder.internal.cron;

import com.cronutils.model.CronType;

/** Which cron dialect a schedule's expression is written in; stated per schedule in the file. */
public enum CronSyntax {
    /** Five fields: minute hour day-of-month month day-of-week; also the @-macros such as @daily. */
    UNIX(CronType.UNIX, "minute", "hour", "day-of-month", "month", "day-of-week"),
    /** Six or seven fields with seconds first and an optional year, with Quartz's L, W, # and ?. */
    QUARTZ(CronType.QUARTZ, "second", "minute", "hour", "day-of-month", "month", "day-of-week", "year");

    private final CronType cronType;
    private final String[] fieldNames;

    CronSyntax(CronType cronType, String... fieldNames) {
        this.cronType = cronType;
        this.fieldNames = fieldNames;
    }

    CronType cronType() {
        return cronType;
    }

    /** The name of the field at a 0-based position, as error messages say it. */
    String fieldName(int index) {
        return index < fieldNames.length ? fieldNames[index] : "field " + (index + 1);
    }

    /** How the file spells it: {@code unix} or {@code quartz}. */
    String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
