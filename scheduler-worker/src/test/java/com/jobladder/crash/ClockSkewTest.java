package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.audit.DatabaseClock;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivatePostgres;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers on PostgreSQL: a worker JVM whose clock is 2 s off (or whose database's clock is, run
 * under Debian's faketime) and the leader of a schedule firing every second, beside a correct worker
 * in this JVM. The skew is reported at start and makes the worker not ready; every job and cron fire
 * starts at its due instant by PostgreSQL's clock, whichever worker runs it.
 */
@Tag("crash")
class ClockSkewTest {
    /** How late most jobs start: what the final approach achieves with a correct clock. */
    private static final long P90_LATE_MS = 50;
    /**
     * How late any job may start on this loaded two-core machine (a CPU stall, not a clock): less
     * than half the skew, which an uncorrected worker would be off by.
     */
    private static final long MAX_LATE_MS = 1_000;
    /** How early: the offset's error bound (a fraction of a millisecond here) and the clocks' resolution. */
    private static final long EARLY_MS = 2;

    private static final int JOBS = 30;
    private static final String LEADS = "is now the cron leader";

    @TempDir
    Path dir;

    @Test
    void aWorkerTwoSecondsFastIsDetectedAndItsJobsAndCronFiresKeepTheDatabaseTime() throws Exception {
        runBesideACorrectWorker(2_000, 0, TestPostgres.createDatabase("skew"));
    }

    @Test
    void aWorkerTwoSecondsSlowIsDetectedAndItsJobsAndCronFiresKeepTheDatabaseTime() throws Exception {
        runBesideACorrectWorker(-2_000, 0, TestPostgres.createDatabase("skew"));
    }

    @Test
    void aDatabaseClockTwoSecondsAheadIsDetectedAndEveryWorkerKeepsItsTime() throws Exception {
        try (PrivatePostgres database = PrivatePostgres.startWithFakeTime("+2")) {
            runBesideACorrectWorker(0, 2_000, database.jdbcUrl());
        }
    }

    /**
     * @param workerSkewMs    how far the worker JVM's clock is ahead of this host's
     * @param referenceSkewMs how far the database's clock is ahead of this host's
     */
    private void runBesideACorrectWorker(long workerSkewMs, long referenceSkewMs, String database) throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  beat { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "%s" }
                }
                """.formatted(SkewedWorker.TYPE));
        Path conf = Files.writeString(
                dir.resolve("scheduler.conf"),
                TestBroker.hocon(TestBroker.uniqueNamespace("skew"), dir.resolve("data"))
                        + """
                        jobladder.audit { jdbc-url = "%s", username = "%s", password = "%s" }
                        jobladder.cron { schedules-file = "%s", horizon = 3s }
                        """.formatted(database, TestPostgres.USER, TestPostgres.PASSWORD, schedules));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of("JOBLADDER_HTTP_PORT", "0"));
        Duration reference = Duration.ofMillis(referenceSkewMs);
        Map<String, Start> starts = new ConcurrentHashMap<>();
        List<String> twice = Collections.synchronizedList(new ArrayList<>());

        try (WorkerProcess skewed =
                WorkerProcess.startSkewed(conf, dir.resolve("skewed.log"), Duration.ofMillis(workerSkewMs))) {
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> skewed.logContains(SkewedWorker.PORT),
                    () -> "the skewed worker started:\n" + skewed.logTail());
            // Measured before the worker consumes anything: detected at start, well within 10 s.
            String way = referenceSkewMs - workerSkewMs < 0 ? "fast" : "slow";
            assertThat(skewed.logLinesWith("beyond jobladder.clock.max-offset"))
                    .as("the skew is logged once, at start")
                    .singleElement()
                    .asString()
                    .contains("is 2.0", " s " + way + " of the audit database's");
            HttpResponse<String> ready = get(skewed, "/health/ready");
            assertThat(ready.statusCode()).as("readiness: %s", ready.body()).isEqualTo(503);
            assertThat(ready.body()).contains("\"DOWN\"", "beyond jobladder.clock.max-offset", way);
            long offsetMs = referenceSkewMs - workerSkewMs;
            String metrics = get(skewed, "/metrics").body();
            double gauge = metrics.lines()
                    .filter(l -> l.startsWith("jobladder_clock_offset_seconds "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no jobladder_clock_offset_seconds in\n" + metrics));
            assertThat(gauge).isCloseTo(offsetMs / 1_000.0, org.assertj.core.data.Offset.offset(0.005));
            assertThat(get(skewed, "/api/overview").body()).contains("\"clockState\":\"SKEWED\"");
            Poll.until(Duration.ofSeconds(30), () -> skewed.logContains(LEADS), () -> "the skewed worker leads cron");

            try (WorkerDaemon correct = TestWorkers.start(config, Map.of(SkewedWorker.TYPE, job -> {
                        Start start = new Start(job.dueAt(), Instant.now().plus(reference), "correct");
                        if (starts.putIfAbsent(job.jobId(), start) != null) {
                            twice.add(job.jobId());
                        }
                    }));
                    // An application whose clock agrees with the database's: the ladder delays by its clock
                    // (docs/operations.md, "Clocks").
                    JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config)
                            .clock(Clock.offset(Clock.systemUTC(), reference))
                            .build()) {
                assertThat(correct.cronLeader()).isFalse();
                Instant now = Instant.now().plus(reference);
                Instant from = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
                Instant to = from.plusSeconds(6);
                for (int i = 0; i < JOBS; i++) {
                    scheduler.schedule(
                            JobRequest.ofType(SkewedWorker.TYPE).id("job-" + i).at(now.plusMillis(1_000 + 173L * i)));
                }
                // Read the worker's log once it should be done, not while the jobs are due.
                Thread.sleep(Math.max(
                        0, Duration.between(Instant.now().plus(reference), to).toMillis() + 500));
                Poll.until(
                        Duration.ofSeconds(30),
                        () -> {
                            readStamps(skewed, reference, starts, twice);
                            return starts.keySet().stream()
                                                    .filter(id -> id.startsWith("job-"))
                                                    .count()
                                            == JOBS
                                    && starts.containsKey(fireId(to));
                        },
                        () -> starts.size() + " jobs and fires started; skewed worker:\n" + skewed.logTail());
                starts.keySet()
                        .removeIf(id ->
                                id.startsWith("beat@") && starts.get(id).due.isBefore(from));

                assertThat(twice).as("jobs that started twice").isEmpty();
                List<DatabaseClock.WorkerClock> clocks = correct.store().workerClocks();
                assertThat(clocks)
                        .as("the workers' clocks for scheduler status")
                        .hasSize(2);
                assertThat(clocks)
                        .as("the skewed worker's row")
                        .anySatisfy(row -> assertThat(row.offset().toMillis())
                                .isCloseTo(offsetMs, org.assertj.core.data.Offset.offset(5L)));
                List<Instant> missing = new ArrayList<>();
                for (Instant fire = from; !fire.isAfter(to); fire = fire.plusSeconds(1)) {
                    if (!starts.containsKey(fireId(fire))) {
                        missing.add(fire);
                    }
                }
                assertThat(missing)
                        .as("cron fires not run, between %s and %s", from, to)
                        .isEmpty();
                for (String by : List.of("skewed", "correct")) {
                    long[] micros = lateness(starts, by);
                    System.out.printf(
                            "Worker clock %+d ms, database clock %+d ms: %s worker started %d jobs and fires, lateness"
                                    + " by the database's clock min %d µs, p50 %d µs, p90 %d µs, max %d µs%n",
                            workerSkewMs,
                            referenceSkewMs,
                            by,
                            micros.length,
                            micros[0],
                            micros[micros.length / 2],
                            micros[micros.length * 9 / 10],
                            micros[micros.length - 1]);
                    assertThat(micros[0])
                            .as("earliest start on the %s worker, µs after due", by)
                            .isGreaterThanOrEqualTo(-EARLY_MS * 1_000);
                    assertThat(micros[micros.length * 9 / 10])
                            .as(
                                    "p90 lateness on the %s worker, µs; starts later than %d ms: %s",
                                    by, P90_LATE_MS, late(starts, by))
                            .isLessThanOrEqualTo(P90_LATE_MS * 1_000);
                    assertThat(micros[micros.length - 1])
                            .as("max lateness on the %s worker, µs", by)
                            .isLessThanOrEqualTo(MAX_LATE_MS * 1_000);
                }
            }
        }
    }

    private static List<String> late(Map<String, Start> starts, String by) {
        List<String> late = new ArrayList<>();
        starts.forEach((id, start) -> {
            long micros = Duration.between(start.due, start.at).toNanos() / 1_000;
            if (start.by.equals(by) && micros > P90_LATE_MS * 1_000) {
                late.add(id + " due " + start.due + " +" + micros + " µs");
            }
        });
        return late;
    }

    /** When each job and fire started, by the database's clock. */
    private record Start(Instant due, Instant at, String by) {}

    /** Sorted, in microseconds; fails when the worker ran nothing. */
    private static long[] lateness(Map<String, Start> starts, String by) {
        long[] micros = starts.values().stream()
                .filter(s -> s.by.equals(by))
                .mapToLong(s -> Duration.between(s.due, s.at).toNanos() / 1_000)
                .sorted()
                .toArray();
        assertThat(micros).as("jobs and fires the %s worker ran", by).isNotEmpty();
        return micros;
    }

    /** The skewed worker's STAMP lines: when, by this host's clock, its jobs started. */
    private static void readStamps(
            WorkerProcess skewed, Duration reference, Map<String, Start> starts, List<String> twice) {
        try {
            for (String line : skewed.logLinesWith(SkewedWorker.STAMP)) {
                String[] parts =
                        line.substring(line.indexOf(SkewedWorker.STAMP)).split(" ");
                Start start = new Start(
                        Instant.parse(parts[2]), Instant.parse(parts[3]).plus(reference), "skewed");
                Start known = starts.putIfAbsent(parts[1], start);
                if (known != null && !known.equals(start)) {
                    twice.add(parts[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the skewed worker's log: " + e.getMessage(), e);
        }
    }

    private static String fireId(Instant fire) {
        return "beat@" + fire;
    }

    private static HttpResponse<String> get(WorkerProcess skewed, String path) throws Exception {
        String line = skewed.logLinesWith(SkewedWorker.PORT).get(0);
        int port = Integer.parseInt(line.substring(line.indexOf(SkewedWorker.PORT) + SkewedWorker.PORT.length())
                .trim());
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
