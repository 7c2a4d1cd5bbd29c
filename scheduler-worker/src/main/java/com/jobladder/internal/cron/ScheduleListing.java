package com.jobladder.internal.cron;

import com.jobladder.handler.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code scheduler schedules}: each schedule with its settings, its next fire times in
 * its own zone and in UTC, and (when a history is given) its last fires with their outcomes. The
 * format is documented in docs/cron.md and kept stable for scripts: one block per schedule, sorted
 * by name, blank line between blocks, two-space indents, no trailing spaces.
 */
public final class ScheduleListing {
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx", Locale.ROOT);

    /** One past fire of a schedule, as the audit store recorded it. */
    public record PastFire(String jobId, Instant fireTime, String outcome) {}

    /**
     * Hook for the audit store: the last {@code limit} fires of a schedule, newest first. The daemon
     * implements it over {@code AuditStore}; {@link #NO_HISTORY} leaves the section out.
     */
    @FunctionalInterface
    public interface FireHistory {
        List<PastFire> lastFires(String scheduleName, int limit);
    }

    public static final FireHistory NO_HISTORY = (name, limit) -> List.of();

    private ScheduleListing() {}

    public static String render(List<CronSchedule> schedules, Instant now, int count, FireHistory history) {
        StringBuilder out = new StringBuilder();
        schedules.stream().sorted(Comparator.comparing(CronSchedule::name)).forEach(schedule -> {
            if (out.length() > 0) {
                out.append('\n');
            }
            block(out, schedule, now, count, history);
        });
        if (schedules.isEmpty()) {
            out.append("no schedules\n");
        }
        return out.toString();
    }

    private static void block(StringBuilder out, CronSchedule s, Instant now, int count, FireHistory history) {
        out.append("schedule ").append(s.name()).append('\n');
        line(out, "cron", s.cron() + " (" + s.syntax().fileName() + ")");
        line(out, "time-zone", s.zone().getId());
        line(out, "job-type", s.jobType());
        line(
                out,
                "misfire",
                s.misfire().fileName() + ", threshold " + duration(s.misfireThreshold())
                        + (s.misfire() == MisfirePolicy.FIRE_ALL ? ", cap " + s.misfireCap() : ""));
        line(out, "overlap", s.overlap().fileName());
        if (s.maxAttempts() != null) {
            line(out, "attempts", "at most " + s.maxAttempts());
        }
        line(out, "enabled", String.valueOf(s.enabled()));
        if (!s.enabled()) {
            line(out, "next", "none: disabled");
        } else {
            List<Instant> fires = NextFires.of(s, now, count);
            for (Instant at : fires) {
                line(out, "next", LOCAL.format(at.atZone(s.zone())) + "  " + at);
            }
            if (fires.size() < count) {
                line(out, "next", fires.isEmpty() ? "none: the expression never fires again" : "none after this");
            }
        }
        for (PastFire fire : history.lastFires(s.name(), count)) {
            line(out, "last", fire.fireTime() + "  " + fire.outcome() + "  " + fire.jobId());
        }
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("  ")
                .append(String.format(Locale.ROOT, "%-10s", key))
                .append(value)
                .append('\n');
    }

    /** As the file writes durations: 1m, 30s, 500ms, 2h. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
