package com.jobladder.internal.audit;

import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.RetentionSettings;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit rows older than {@code max-age}, a chunk per transaction with a pause between
 * chunks, so neither the table nor the database's log is held for long. One daemon does it: the
 * cron leader, or every daemon where cron is off (a delete of rows already gone is harmless).
 */
public final class AuditRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    /** Lets status lookups and audit batches in between chunks. */
    private static final Duration PAUSE_BETWEEN_CHUNKS = Duration.ofMillis(50);

    private final RetentionStore store;
    private final RetentionSettings settings;
    private final BooleanSupplier onDuty;
    private final Clock clock;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("jobladder-retention"));

    public AuditRetention(RetentionStore store, RetentionSettings settings, BooleanSupplier onDuty, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.onDuty = onDuty;
        this.clock = clock;
    }

    public void start() {
        long interval = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(
                this::passIfOnDuty,
                Math.min(interval, Duration.ofMinutes(1).toMillis()),
                interval,
                TimeUnit.MILLISECONDS);
    }

    private void passIfOnDuty() {
        if (!onDuty.getAsBoolean()) {
            return;
        }
        try {
            pass();
        } catch (AuditUnavailableException e) {
            log.warn(
                    "Audit retention - paused, the store is unavailable ({}); next pass in {}",
                    e.getMessage(),
                    settings.interval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes everything older than the cutoff, chunk by chunk; returns the rows deleted. */
    long pass() throws InterruptedException {
        Instant cutoff = clock.instant().minus(settings.maxAge());
        long started = System.nanoTime();
        long deleted = 0;
        int chunks = 0;
        for (int n; (n = store.deleteExpiredChunk(cutoff, settings.chunkSize())) > 0; chunks++) {
            deleted += n;
            Thread.sleep(PAUSE_BETWEEN_CHUNKS.toMillis());
        }
        if (deleted > 0) {
            log.info(
                    "Audit retention - deleted {} rows older than {} in {} chunks ({} ms)",
                    deleted,
                    cutoff,
                    chunks,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
