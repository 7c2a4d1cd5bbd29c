package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker JVM whose clock is 2 s off, beside a correct worker, both on PostgreSQL (whose clock, on
 * this host, is the true one): the skewed worker reports its offset, is not ready, leads cron, and
 * every job and cron fire starts at its due instant by PostgreSQL's clock, whichever worker runs it.
 */
@Tag("crash")
class SkewedWorkerTest {
    /** How late a job may start: what the final approach achieves with a correct clock. */
    private static final long LATE_MS = 50;
    /** How early: the offset's error bound (a fraction of a millisecond here) and the clocks' resolution. */
    private static final long EARLY_MS = 2;

    private static final int JOBS = 30;
    private static final String LEADS = "is now the cron leader";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "clock {0} ms off")
    @ValueSource(longs = {2_000, -2_000})
    void aSkewedWorkerIsDetectedAndItsJobsAndCronFiresStartAtTheDatabaseTime(long skewMillis) throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  beat { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "%s" }
                }
                """.formatted(SkewedWorker.TYPE));
        String database = TestPostgres.createDatabase("skew");
        Path conf = Files.writeString(
                dir.resolve("scheduler.conf"),
                TestBroker.hocon(TestBroker.uniqueNamespace("skew"), dir.resolve("data"))
                        + """
                        jobladder.audit { jdbc-url = "%s", username = "%s", password = "%s" }
                        jobladder.cron { schedules-file = "%s", horizon = 1s }
                        """.formatted(database, TestPostgres.USER, TestPostgres.PASSWORD, schedules));
        SchedulerConfig config = ConfigLoader.load(conf, Map.of("JOBLADDER_HTTP_PORT", "0"));
        Path log = dir.resolve("skewed.log");
        Map<String, Start> starts = new ConcurrentHashMap<>();
        List<String> twice = Collections.synchronizedList(new ArrayList<>());

        try (WorkerProcess skewed = WorkerProcess.startSkewed(conf, log, Duration.ofMillis(skewMillis))) {
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> skewed.logContains(SkewedWorker.PORT),
                    () -> "the skewed worker started:\n" + skewed.logTail());
            String way = skewMillis > 0 ? "fast" : "slow";
            assertThat(skewed.logLinesWith("beyond jobladder.clock.max-offset"))
                    .as("the skew is logged once, at start")
                    .singleElement()
                    .asString()
                    .contains(" s " + way + " of the audit database's");
            String ready = readiness(skewed);
            assertThat(ready).contains("\"DOWN\"", "beyond jobladder.clock.max-offset", way);
            Poll.until(Duration.ofSeconds(30), () -> skewed.logContains(LEADS), () -> "the skewed worker leads cron");

            try (WorkerDaemon correct = TestWorkers.start(
                            config, Map.of(SkewedWorker.TYPE, job -> record(starts, twice, job.jobId(), job.dueAt())));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                assertThat(correct.cronLeader()).isFalse();
                Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
                for (int i = 0; i < JOBS; i++) {
                    scheduler.schedule(JobRequest.ofType(SkewedWorker.TYPE)
                            .id("job-" + i)
                            .after(Duration.ofMillis(1_000 + 173L * i)));
                }
                Instant to = from.plusSeconds(6);
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> {
                            readStamps(skewed, starts, twice);
                            return starts.keySet().stream()
                                                    .filter(id -> id.startsWith("job-"))
                                                    .count()
                                            == JOBS
                                    && starts.containsKey(fireId(to));
                        },
                        () -> starts.size() + " jobs and fires started; skewed worker:\n" + skewed.logTail());

                assertThat(twice).as("jobs that started twice").isEmpty();
                List<String> offTime = new ArrayList<>();
                starts.forEach((id, start) -> {
                    long late = Duration.between(start.due, start.at).toNanos() / 1_000;
                    if (late < -EARLY_MS * 1_000 || late > LATE_MS * 1_000) {
                        offTime.add(
                                id + " started " + late + " µs after its due instant on the " + start.by + " worker");
                    }
                });
                assertThat(offTime)
                        .as("jobs and fires started more than %d ms early or %d ms late", EARLY_MS, LATE_MS)
                        .isEmpty();
                assertThat(starts.values().stream().filter(s -> s.by.equals("skewed")))
                        .as("jobs the skewed worker ran")
                        .isNotEmpty();
                List<Instant> missing = new ArrayList<>();
                for (Instant fire = from; !fire.isAfter(to); fire = fire.plusSeconds(1)) {
                    Start start = starts.get(fireId(fire));
                    if (start == null || !start.due.equals(fire)) {
                        missing.add(fire);
                    }
                }
                assertThat(missing)
                        .as("cron fires not run, between %s and %s", from, to)
                        .isEmpty();
            }
        }
    }

    private record Start(Instant due, Instant at, String by) {}

    private static void record(Map<String, Start> starts, List<String> twice, String id, Instant due) {
        Start start = new Start(due, Instant.now(), "correct");
        if (starts.putIfAbsent(id, start) != null) {
            twice.add(id);
        }
    }

    /** The skewed worker's STAMP lines not read yet: they say when, by this host's clock, its jobs started. */
    private static void readStamps(WorkerProcess skewed, Map<String, Start> starts, List<String> twice) {
        try {
            for (String line : skewed.logLinesWith(SkewedWorker.STAMP)) {
                String[] parts =
                        line.substring(line.indexOf(SkewedWorker.STAMP)).split(" ");
                Start start = new Start(Instant.parse(parts[2]), Instant.parse(parts[3]), "skewed");
                Start known = starts.putIfAbsent(parts[1], start);
                if (known != null && !known.equals(start)) {
                    twice.add(parts[1]);
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the skewed worker's log: " + e.getMessage(), e);
        }
    }

    private static String fireId(Instant fire) {
        return "beat@" + fire;
    }

    private static String readiness(WorkerProcess skewed) throws Exception {
        String line = skewed.logLinesWith(SkewedWorker.PORT).get(0);
        int port = Integer.parseInt(line.substring(line.indexOf(SkewedWorker.PORT) + SkewedWorker.PORT.length())
                .trim());
        HttpResponse<String> reply = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode())
                .as("readiness of the skewed worker: %s", reply.body())
                .isEqualTo(503);
        return reply.body();
    }
}
