package com.jobladder.internal.cron;

import com.jobladder.internal.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron leader's loop. Each tick, on the leader only, it plans the fires due within the
 * horizon ({@link FirePlanner}), publishes them one by one, each confirmed before the next, and
 * then saves the cursor: publish before cursor, so a crash in between re-publishes a fire rather
 * than losing it, which is harmless because the job id is deterministic and the worker skips an
 * id that already succeeded.
 *
 * <p>Cursors live in a {@link CursorBook}: read once per leadership, written after publishes.
 */
public final class CronService implements AutoCloseable {
    public static final Duration DEFAULT_HORIZON = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CronService.class);

    /** What one tick did; for tests and logs. */
    record TickResult(boolean leader, int published, int failed) {
        static final TickResult IDLE = new TickResult(false, 0, 0);
    }

    private final Supplier<List<CronSchedule>> schedules;
    private final FirePublisher publisher;
    private final Clock clock;
    private final FirePlanner planner;
    private final CursorBook cursors;
    private volatile boolean leading;
    private volatile boolean reloadCursors = true;
    private final Object tickLock = new Object();
    private ScheduledExecutorService executor;

    /**
     * Ticks do nothing until {@link #leadershipChanged} says this daemon leads.
     *
     * @param schedules the schedules in force, e.g. {@code watcher::current}
     * @param horizon   how far ahead fires are published into the ladder
     */
    public CronService(
            Supplier<List<CronSchedule>> schedules,
            CursorStore store,
            FirePublisher publisher,
            Clock clock,
            Duration horizon) {
        this.schedules = schedules;
        this.cursors = new CursorBook(store);
        this.publisher = publisher;
        this.clock = clock;
        this.planner = new FirePlanner(horizon, FirePlanner.DEFAULT_MAX_FIRES_PER_TICK);
    }

    /**
     * The {@link CronLeader.LeadershipListener}: {@code new CronLeader(..., cron::leadershipChanged)}.
     * Returns at once; on a loss, a tick in progress stops before its next publish. Cursors are
     * re-read from the store after any change, since another leader may have moved them.
     */
    public void leadershipChanged(boolean leader) {
        reloadCursors = true;
        leading = leader;
    }

    public boolean leading() {
        return leading;
    }

    public synchronized void start(Duration tickInterval) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-cron-tick"));
        executor.scheduleWithFixedDelay(this::tickAndLogErrors, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Cron service: started, ticking every {}", tickInterval);
    }

    /** Stops ticking, waiting a little for a tick in progress. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow();
                LOG.warn("Cron service: a tick was still running after 5s and was interrupted");
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Cron service: stopped");
    }

    /** The periodic task: one exception is logged and the next tick runs as usual. */
    void tickAndLogErrors() {
        try {
            tick();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // anything escaping would cancel the periodic task for good
            LOG.error("Cron service: a tick failed. Will keep running and try again at the next tick", e);
        }
    }

    TickResult tick() {
        synchronized (tickLock) {
            return tickLocked();
        }
    }

    private TickResult tickLocked() {
        if (!leading) {
            return TickResult.IDLE;
        }
        if (reloadCursors) {
            reloadCursors = false;
            cursors.forget();
        }
        List<CronSchedule> current = schedules.get();
        Map<String, Instant> known = cursors.cursorsOf(current);
        Instant now = clock.instant();
        FirePlan plan = planner.plan(current, known, now);
        int published = 0;
        int failed = 0;
        for (FirePlan.SchedulePlan schedulePlan : plan.schedules()) {
            if (!leading) {
                LOG.info("Cron service: leadership lost during a tick; stopped publishing");
                break;
            }
            Outcome outcome = publish(schedulePlan);
            published += outcome.published;
            failed += outcome.failed ? 1 : 0;
            advance(schedulePlan, outcome);
            if (outcome.interrupted) {
                break;
            }
        }
        return new TickResult(true, published, failed);
    }

    private static final class Outcome {
        int published;
        Instant lastConfirmed;
        boolean failed;
        boolean interrupted;
    }

    private Outcome publish(FirePlan.SchedulePlan plan) {
        Outcome outcome = new Outcome();
        CronSchedule schedule = plan.schedule();
        for (Fire fire : plan.fires()) {
            if (!leading) {
                outcome.failed = true;
                outcome.interrupted = true;
                return outcome;
            }
            try {
                publisher.publish(fire);
                outcome.published++;
                outcome.lastConfirmed = fire.fireTime();
                if (fire.missed()) {
                    LOG.info(
                            "Cron service: {} missed {}; fired it now ({})",
                            schedule.name(),
                            fire.fireTime(),
                            schedule.misfire().fileName());
                } else {
                    LOG.debug("Cron service: published {} due at {}", fire.jobId(), fire.dueAt());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.failed = true;
                outcome.interrupted = true;
                return outcome;
            } catch (Exception e) {
                outcome.failed = true;
                LOG.warn(
                        "Cron service: publishing {} failed: {}. Will publish it again at the next tick",
                        fire.jobId(),
                        e.toString());
                return outcome;
            }
        }
        if (plan.missedAny() && plan.fires().stream().noneMatch(Fire::missed)) {
            LOG.info(
                    "Cron service: {} missed occurrences up to {}; skipped them ({})",
                    schedule.name(),
                    plan.cursor().orElse(null),
                    schedule.misfire().fileName());
        }
        return outcome;
    }

    /** Moves the cursor past what was confirmed. */
    private void advance(FirePlan.SchedulePlan plan, Outcome outcome) {
        Optional<Instant> next = outcome.failed ? Optional.ofNullable(outcome.lastConfirmed) : plan.cursor();
        next.ifPresent(
                cursor -> cursors.advance(plan.schedule().name(), cursor, outcome.published > 0 || plan.missedAny()));
    }
}
