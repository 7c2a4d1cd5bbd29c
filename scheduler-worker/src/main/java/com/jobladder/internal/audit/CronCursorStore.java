package com.jobladder.internal.audit;

import java.time.Instant;
import java.util.Optional;

/** The cron leader's progress: the last fire time it published, per schedule. */
public interface CronCursorStore {

    /** The last fire time the cron leader published for a schedule. */
    Optional<Instant> cronCursor(String scheduleName);

    void saveCronCursor(String scheduleName, Instant lastFireAt);
}
