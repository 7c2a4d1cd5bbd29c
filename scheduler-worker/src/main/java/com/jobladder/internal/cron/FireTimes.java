package com.jobladder.internal.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fire times of one schedule, as instants, with cron's DST rule (cronie's crond(8), "Daylight
 * Saving Time and other time changes"; docs/cron.md, "Time zones and DST"). An expression is
 * <em>fixed-time</em> when its time fields hold neither {@code *} nor {@code /}
 * ({@link CronExpressions#isFixedTime}); any other is <em>wildcard</em>.
 * <ul>
 *   <li>Spring-forward gap: a fixed-time expression with matching wall times in the gap fires
 *       once, at the first instant after the gap (the transition); a wildcard one has no fires
 *       in the gap.</li>
 *   <li>Fall-back overlap: a fixed-time expression fires at the first occurrence of a matching wall
 *       time only; a wildcard one fires at every matching instant of both passes.</li>
 * </ul>
 * Time is walked segment by segment, a segment being a stretch of one UTC offset between two
 * transitions of the zone's rules: inside one, wall time and instant move together, so the next
 * matching wall time ({@link WallClock}) is the next fire. cron-utils' own ExecutionTime in the
 * zone would skip a gap fire altogether (FireTimesDstTest pins it).
 */
final class FireTimes {
    private final WallClock wallClock;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixedTime;

    private FireTimes(WallClock wallClock, ZoneId zone, boolean fixedTime) {
        this.wallClock = wallClock;
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixedTime = fixedTime;
    }

    static FireTimes of(CronSchedule schedule) {
        return new FireTimes(
                WallClock.of(schedule.syntax(), schedule.cron()),
                schedule.zone(),
                CronExpressions.isFixedTime(schedule.syntax(), schedule.cron()));
    }

    ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}, or empty when the expression never fires again. */
    Optional<Instant> next(Instant after) {
        ZoneOffset offset = rules.getOffset(after);
        LocalDateTime from = LocalDateTime.ofInstant(after, offset).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffsetTransition entered = rules.previousTransition(after.plusNanos(1));
        Instant segmentStart = after;
        while (true) {
            if (fixedTime && entered != null && entered.isOverlap()) {
                // The second pass of an overlap: its repeated wall times fired in the first pass.
                LocalDateTime overlapEnd = entered.getDateTimeBefore().minusSeconds(1);
                from = from.isBefore(overlapEnd) ? overlapEnd : from;
            }
            ZoneOffsetTransition leaving = rules.nextTransition(segmentStart);
            Optional<LocalDateTime> wall = wallClock.next(from);
            if (wall.isPresent() && (leaving == null || wall.get().isBefore(leaving.getDateTimeBefore()))) {
                return Optional.of(wall.get().toInstant(offset));
            }
            if (leaving == null || wall.isEmpty() && leaving.isGap()) {
                return Optional.empty();
            }
            if (fixedTime
                    && leaving.isGap()
                    && wallClock
                            .next(leaving.getDateTimeBefore().minusSeconds(1))
                            .filter(inGap -> inGap.isBefore(leaving.getDateTimeAfter()))
                            .isPresent()) {
                return Optional.of(leaving.getInstant());
            }
            entered = leaving;
            offset = leaving.getOffsetAfter();
            from = leaving.getDateTimeAfter().minusSeconds(1);
            segmentStart = leaving.getInstant();
        }
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
}
