package com.jobladder.internal.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's cursors: read from the {@link CursorStore} the first time a schedule is seen
 * after gaining leadership, then kept in memory. Written at once after a publish or a misfire
 * decision, and at least every {@link #IDLE_SAVE_INTERVAL} while a cursor only follows the time.
 * A failed write keeps the cursor in memory (nothing is published twice by this leader) and is
 * retried at the next advance. Not thread-safe: the cron tick owns it.
 */
final class CursorBook {
    static final Duration IDLE_SAVE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(CursorBook.class);

    private final CursorStore store;
    private final Map<String, Optional<Instant>> cursors = new HashMap<>();
    private final Map<String, Instant> saved = new HashMap<>();
    private final Set<String> unsaved = new HashSet<>();

    CursorBook(CursorStore store) {
        this.store = store;
    }

    /** Drops everything in memory: another leader may have moved the cursors meanwhile. */
    void forget() {
        cursors.clear();
        saved.clear();
        unsaved.clear();
    }

    /** The cursors of these schedules, by name; schedules no longer listed are forgotten. */
    Map<String, Instant> cursorsOf(List<CronSchedule> schedules) {
        Set<String> names = schedules.stream().map(CronSchedule::name).collect(Collectors.toSet());
        cursors.keySet().retainAll(names);
        saved.keySet().retainAll(names);
        unsaved.retainAll(names);
        Map<String, Instant> known = new HashMap<>();
        for (String name : names) {
            cursors.computeIfAbsent(name, this::load).ifPresent(at -> known.put(name, at));
        }
        return known;
    }

    /** Moves a cursor; {@code urgent} writes it now (after a publish or a misfire decision). */
    void advance(String name, Instant cursor, boolean urgent) {
        cursors.put(name, Optional.of(cursor));
        Instant lastSaved = saved.get(name);
        if (cursor.equals(lastSaved)) {
            return;
        }
        boolean due = urgent
                || lastSaved == null
                || unsaved.contains(name)
                || Duration.between(lastSaved, cursor).compareTo(IDLE_SAVE_INTERVAL) >= 0;
        if (!due) {
            return;
        }
        try {
            store.save(name, cursor);
            saved.put(name, cursor);
            unsaved.remove(name);
        } catch (RuntimeException e) {
            unsaved.add(name);
            LOG.warn(
                    "Cron service: saving the cursor of {} at {} failed: {}. Will keep it in memory and save it"
                            + " again at the next tick",
                    name,
                    cursor,
                    e.toString());
        }
    }

    private Optional<Instant> load(String name) {
        Optional<Instant> cursor = store.cursor(name);
        cursor.ifPresent(at -> saved.put(name, at));
        return cursor;
    }
}
