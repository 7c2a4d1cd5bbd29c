package com.jobladder.internal.cron;

import com.jobladder.internal.config.ConfigurationException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schedules an application declared in code, one per name. */
final class CodeSchedules {
    private final List<CronSchedule> schedules;
    private final Map<String, String> declaredAt;

    private CodeSchedules(List<CronSchedule> schedules, Map<String, String> declaredAt) {
        this.schedules = schedules;
        this.declaredAt = declaredAt;
    }

    /** @throws ConfigurationException when two of them have the same name, naming where both were declared */
    static CodeSchedules of(Collection<CodeSchedule> declared) {
        Map<String, String> sites = new LinkedHashMap<>();
        for (CodeSchedule code : declared.stream()
                .sorted(Comparator.comparing(c -> c.schedule().name()))
                .toList()) {
            String earlier = sites.putIfAbsent(code.schedule().name(), code.declaredAt());
            if (earlier != null) {
                throw new ConfigurationException(
                        "recurring job " + code.schedule().name() + " is declared twice in" + " code, at " + earlier
                                + " and at " + code.declaredAt() + ": expected each schedule name once");
            }
        }
        return new CodeSchedules(
                declared.stream()
                        .map(CodeSchedule::schedule)
                        .sorted(Comparator.comparing(CronSchedule::name))
                        .toList(),
                Map.copyOf(sites));
    }

    List<CronSchedule> schedules() {
        return schedules;
    }

    /** Where each was declared, by name. */
    Map<String, String> declaredAt() {
        return declaredAt;
    }

    boolean isEmpty() {
        return schedules.isEmpty();
    }
}
