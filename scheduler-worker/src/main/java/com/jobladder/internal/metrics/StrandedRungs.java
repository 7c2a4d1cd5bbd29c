package com.jobladder.internal.metrics;

import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.LadderWatchSettings;
import com.jobladder.internal.topology.TopologyNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the ladder's queues for expired jobs RabbitMQ does not pass on. A quorum queue with
 * at-least-once dead-lettering keeps an expired job, counted in its {@code messages} but neither
 * ready nor unacknowledged, until its broker-side dead-letter worker has published it to the next
 * rung. RabbitMQ 3.10 can leave that worker stuck after a node loss (it keeps addressing a target
 * queue through the lost node), so the jobs wait until the lost node returns or the queue's leader
 * moves. A rung whose dead-lettered count stays above zero without going down for
 * {@code stranded-after} is stranded: the watch logs a warning naming it, its leader and what to do,
 * once per episode, and an info line when its jobs move again. Reads the management API every
 * {@link #INTERVAL}; an unreadable API is logged once per outage and stops no job.
 */
public final class StrandedRungs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StrandedRungs.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ManagementQueueCounts api;
    private final List<String> rungs;
    private final Duration strandedAfter;
    private final Clock clock;
    private final Map<String, Episode> episodes = new HashMap<>();
    private final ScheduledExecutorService poller;
    private volatile long strandedRungs;
    private volatile long strandedJobs;
    private boolean apiDown;
    private boolean rungsMissing;

    /** A rung's dead-lettered jobs since they last went down. */
    private static final class Episode {
        final Instant since;
        long count;
        boolean reported;

        Episode(Instant since, long count) {
            this.since = since;
            this.count = count;
        }
    }

    StrandedRungs(ManagementQueueCounts api, TopologyNames names, Duration strandedAfter, Clock clock) {
        this.api = api;
        this.rungs = rungsOf(names);
        this.strandedAfter = strandedAfter;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("jobladder-ladder-watch"));
    }

    /** Started with the daemon's meters when {@code ladder-watch.management-uris} names an API. */
    public static StrandedRungs start(
            LadderWatchSettings settings, String brokerUri, String vhost, TopologyNames names, MeterRegistry registry) {
        StrandedRungs watch = new StrandedRungs(
                new ManagementQueueCounts(settings.managementUris(), brokerUri, vhost),
                names,
                settings.strandedAfter(),
                Clock.systemUTC());
        Gauge.builder("jobladder.ladder.stranded.queues", watch, w -> w.strandedRungs)
                .description("Ladder queues whose expired jobs the broker has not passed on for stranded-after")
                .register(registry);
        Gauge.builder("jobladder.ladder.stranded.jobs", watch, w -> w.strandedJobs)
                .description("Expired jobs waiting in stranded ladder queues")
                .register(registry);
        watch.poller.scheduleWithFixedDelay(watch::checkSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Ladder watch: reading {} ladder queues from {} every {} s; stranded after {} s",
                watch.rungs.size(),
                settings.managementUris(),
                INTERVAL.toSeconds(),
                settings.strandedAfter().toSeconds());
        return watch;
    }

    private static List<String> rungsOf(TopologyNames names) {
        List<String> all = new ArrayList<>();
        for (int level = 0; level < names.ladder().levels(); level++) {
            for (int digit = 1; digit < names.ladder().radix(); digit++) {
                all.add(names.ladderQueue(level, digit));
            }
        }
        return List.copyOf(all);
    }

    private void checkSafely() {
        try {
            check(api.read());
            if (apiDown) {
                log.info("Ladder watch: the management API answers again");
                apiDown = false;
            }
        } catch (IOException e) {
            if (!apiDown) {
                log.warn(
                        "Ladder watch: cannot read queue counts ({}); stranded ladder queues go unnoticed until"
                                + " it answers. Will try again every {} s",
                        e.getMessage(),
                        INTERVAL.toSeconds());
                apiDown = true;
            }
        } catch (RuntimeException e) {
            log.warn("Ladder watch: checking the ladder failed ({}); will try again in {} s", e, INTERVAL.toSeconds());
        }
    }

    /** One reading of every queue; package-private for tests that feed readings of their own. */
    synchronized void check(Map<String, ManagementQueueCounts.Counts> reading) {
        Instant now = clock.instant();
        boolean noneListed = rungs.stream().noneMatch(reading::containsKey);
        if (noneListed && !rungsMissing) {
            log.warn(
                    "Ladder watch: the management API lists none of the ladder's queues ({} ..) in the broker URI's"
                            + " virtual host; the watch sees nothing until it does. Check that the user may read that virtual"
                            + " host and that the ladder is declared",
                    rungs.get(0));
        }
        rungsMissing = noneListed;
        long queues = 0;
        long jobs = 0;
        for (String rung : rungs) {
            ManagementQueueCounts.Counts counts = reading.get(rung);
            long deadLettered = counts == null ? 0 : counts.deadLettered();
            Episode episode = episodes.get(rung);
            if (deadLettered == 0 || (episode != null && deadLettered < episode.count)) {
                if (episode != null && episode.reported) {
                    log.info(
                            "Ladder queue {}: its expired jobs move again ({} waiting, down from {})",
                            rung,
                            deadLettered,
                            episode.count);
                }
                episodes.remove(rung);
                if (deadLettered > 0) {
                    episodes.put(rung, new Episode(now, deadLettered));
                }
                continue;
            }
            if (episode == null) {
                episodes.put(rung, new Episode(now, deadLettered));
                continue;
            }
            episode.count = deadLettered;
            Duration waiting = Duration.between(episode.since, now);
            if (waiting.compareTo(strandedAfter) >= 0) {
                queues++;
                jobs += deadLettered;
                if (!episode.reported) {
                    episode.reported = true;
                    log.warn(
                            "Ladder queue {} is stranded: {} expired jobs have waited {} s for the broker to pass"
                                    + " them on to the next rung, their count not going down (leader {}). RabbitMQ 3.10"
                                    + " leaves a quorum queue's dead-letter worker stuck after a node loss until the lost"
                                    + " node returns or the queue's leader moves: bring the node back, or move the leader"
                                    + " as docs/operations.md \"Stranded ladder queues\" shows. The jobs are safe, only"
                                    + " late. (A broker too busy to pass jobs on as fast as they expire looks the same"
                                    + " until it catches up.)",
                            rung,
                            deadLettered,
                            waiting.toSeconds(),
                            counts.leader());
                }
            }
        }
        strandedRungs = queues;
        strandedJobs = jobs;
    }

    long strandedQueues() {
        return strandedRungs;
    }

    @Override
    public void close() {
        DaemonThreads.stopNow(poller, Duration.ofSeconds(5));
    }
}
