package com.jobladder.cron;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fire times of one schedule, as instants, with a DST rule that is ours rather than
 * cron-utils' (docs/cron.md, "Time zones and DST"):
 * <ul>
 *   <li>cron-utils matches the expression against the <em>wall clock</em> only: it is evaluated in
 *       UTC over local date-times, so it never sees an offset change;</li>
 *   <li>a wall-clock time that falls in a spring-forward gap fires once, at the first instant
 *       after the gap (the transition); several such times collapse into that one fire;</li>
 *   <li>a wall-clock time that occurs twice in a fall-back overlap fires once, at its first
 *       occurrence, unless the hour field is {@code *} (the schedule runs every hour), in which
 *       case it follows elapsed time and fires in both passes.</li>
 * </ul>
 * cron-utils' own ExecutionTime in the zone skips gap fires entirely and repeats sub-hourly
 * fires in the overlap whatever the hour field says (see FireTimesDstTest).
 */
final class FireTimes {
    private static final Set<String> EVERY_HOUR = Set.of("*", "0-23", "*/1", "0/1");
    private static final int MAX_CANDIDATES = 1_000_000;

    private final ExecutionTime wallClock;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean repeatInOverlap;

    private FireTimes(Cron cron, ZoneId zone) {
        this.wallClock = ExecutionTime.forCron(cron);
        this.zone = zone;
        this.rules = zone.getRules();
        this.repeatInOverlap = EVERY_HOUR.contains(cron.retrieve(CronFieldName.HOUR).getExpression().asString());
    }

    static FireTimes of(CronSchedule schedule) {
        return new FireTimes(CronExpressions.parse(schedule.syntax(), schedule.cron()), schedule.zone());
    }

    ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}, or empty when the expression never fires again. */
    Optional<Instant> next(Instant after) {
        Optional<Instant> fromNow = scan(after);
        Optional<Instant> secondPass = secondPassAhead(after);
        if (secondPass.isPresent() && (fromNow.isEmpty() || secondPass.get().isBefore(fromNow.get()))) {
            return secondPass;
        }
        return fromNow;
    }

    /**
     * Walks the wall-clock candidates after {@code after}'s own wall-clock time. Every wall time
     * before it maps to an instant at or before {@code after}, except the second pass of an overlap
     * that is still ahead, which {@link #secondPassAhead} covers.
     */
    private Optional<Instant> scan(Instant after) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, rules.getOffset(after)).truncatedTo(ChronoUnit.SECONDS);
        Instant best = null;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<ZonedDateTime> candidate = wallClock.nextExecution(wall.atZone(ZoneOffset.UTC));
            if (candidate.isEmpty()) {
                break;
            }
            wall = candidate.get().toLocalDateTime();
            List<ZoneOffset> offsets = rules.getValidOffsets(wall);
            if (offsets.isEmpty()) {
                ZoneOffsetTransition gap = rules.getTransition(wall);
                Instant first = gap.getInstant();
                if (best != null && !first.isBefore(best)) {
                    break;
                }
                if (first.isAfter(after)) {
                    return Optional.of(min(best, first));
                }
                // The rest of this gap collapses into the same instant: jump to its end.
                wall = gap.getDateTimeAfter().minusSeconds(1);
                continue;
            }
            Instant first = wall.toInstant(offsets.get(0));
            Instant second = null;
            if (offsets.size() == 2) {
                Instant other = wall.toInstant(offsets.get(1));
                second = other.isBefore(first) ? first : other;
                first = other.isBefore(first) ? other : first;
                if (!repeatInOverlap) {
                    second = null;
                }
            }
            if (best != null && !first.isBefore(best)) {
                break;
            }
            if (first.isAfter(after)) {
                best = min(best, first);
            } else if (second != null && second.isAfter(after)) {
                best = min(best, second);
            }
            if (offsets.size() == 2) {
                ZoneOffsetTransition overlap = rules.getTransition(wall);
                if (!after.isBefore(overlap.getInstant()) && (second == null || second.isAfter(after))) {
                    // Asked from the second pass: the rest of the overlap's first pass is behind us and
                    // its second pass comes after what was found: jump to the overlap's end.
                    wall = overlap.getDateTimeBefore().minusSeconds(1);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** For every-hour schedules: the earliest second-pass fire of the next fall-back overlap. */
    private Optional<Instant> secondPassAhead(Instant after) {
        if (!repeatInOverlap) {
            return Optional.empty();
        }
        ZoneOffsetTransition next = rules.nextTransition(after);
        if (next == null || !next.isOverlap()) {
            return Optional.empty();
        }
        LocalDateTime start = next.getDateTimeAfter();
        return wallClock.nextExecution(start.minusSeconds(1).atZone(ZoneOffset.UTC))
                .map(ZonedDateTime::toLocalDateTime)
                .filter(wall -> wall.isBefore(next.getDateTimeBefore()))
                .map(wall -> wall.toInstant(next.getOffsetAfter()));
    }

    /** Fires in {@code (afterExclusive, untilInclusive]}, oldest first, at most {@code limit}. */
    List<Instant> between(Instant afterExclusive, Instant untilInclusive, int limit) {
        List<Instant> fires = new ArrayList<>();
        Instant at = afterExclusive;
        while (fires.size() < limit) {
            Optional<Instant> next = next(at);
            if (next.isEmpty() || next.get().isAfter(untilInclusive)) {
                break;
            }
            fires.add(next.get());
            at = next.get();
        }
        return fires;
    }

    /**
     * The most recent {@code n} fires in {@code (afterExclusive, untilInclusive]}, oldest first,
     * found by looking back through growing windows so that a long downtime of a frequent
     * schedule does not walk every missed occurrence.
     */
    List<Instant> lastUpTo(Instant afterExclusive, Instant untilInclusive, int n) {
        Duration window = Duration.ofMinutes(1);
        Duration span = Duration.between(afterExclusive, untilInclusive);
        while (true) {
            boolean whole = window.compareTo(span) >= 0;
            Instant from = whole ? afterExclusive : untilInclusive.minus(window);
            List<Instant> fires = between(from, untilInclusive, Integer.MAX_VALUE);
            if (fires.size() >= n || whole) {
                return List.copyOf(fires.subList(Math.max(0, fires.size() - n), fires.size()));
            }
            window = window.multipliedBy(4);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
