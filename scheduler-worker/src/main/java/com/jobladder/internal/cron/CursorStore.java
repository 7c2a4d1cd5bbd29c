package com.jobladder.internal.cron;

import com.jobladder.internal.audit.CronCursorStore;
import java.time.Instant;
import java.util.Optional;

/** Where the leader keeps each schedule's cursor; in production the audit database. */
public interface CursorStore {

    Optional<Instant> cursor(String scheduleName);

    void save(String scheduleName, Instant cursor);

    /** The cursors of {@link CronCursorStore#cronCursor} and {@link CronCursorStore#saveCronCursor}. */
    static CursorStore of(CronCursorStore store) {
        return new CursorStore() {
            @Override
            public Optional<Instant> cursor(String scheduleName) {
                return store.cronCursor(scheduleName);
            }

            @Override
            public void save(String scheduleName, Instant cursor) {
                store.saveCronCursor(scheduleName, cursor);
            }
        };
    }
}
