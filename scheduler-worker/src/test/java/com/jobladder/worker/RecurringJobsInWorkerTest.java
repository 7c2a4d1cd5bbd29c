package com.jobladder.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobType;
import com.jobladder.api.JobladderException;
import com.jobladder.handler.JobHandlers;
import com.jobladder.handler.RecurringJob;
import com.jobladder.handler.RecurringJobs;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules declared in code, on the real broker: they fire, and they share the leader with the file's. */
@Tag("integration")
class RecurringJobsInWorkerTest {
    record Beat(String note) {}

    private static final JobType<Beat> BEAT = JobType.json("beat", Beat.class);
    private static final String FIRE_ID = "%s@\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    Path dir;

    private SchedulerConfig config(String namespace, String worker, Path schedules, String audit) {
        return TestBroker.config(namespace, dir.resolve("data-" + worker), """
                jobladder.worker.id = "%s"
                jobladder.cron { schedules-file = "%s", horizon = 2s }
                %s
                """.formatted(worker, schedules, audit));
    }

    @Test
    void aQuartzScheduleDeclaredOnTheBuilderFiresEverySecondAndItsHandlerGetsTheTypedPayload() {
        SchedulerConfig config = config(TestBroker.uniqueNamespace("reccode"), "w1", dir.resolve("none.conf"), "");
        Map<String, Beat> ran = new ConcurrentHashMap<>();
        try (Worker worker = Worker.builder()
                .settings(config)
                .handle(BEAT, (beat, job) -> ran.put(job.jobId(), beat))
                .recurring(RecurringJob.quartz("every-second", "* * * * * ?")
                        .zone("UTC")
                        .job(BEAT, new Beat("hi")))
                .start()) {
            Poll.until(Duration.ofSeconds(20), () -> ran.size() >= 3, () -> "three fires ran; ran " + ran);
            assertThat(worker.cronLeader()).isTrue();
        }
        assertThat(ran.keySet()).allMatch(id -> id.matches(FIRE_ID.formatted("every-second")), "fire ids");
        assertThat(ran.values()).containsOnly(new Beat("hi"));
    }

    @Test
    void aNameTheFileAndTheCodeBothDeclareIsRefusedAtStartNamingBothPlaces() throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  nightly { cron = "0 2 * * *", syntax = unix, time-zone = "UTC", job-type = "beat" }
                }
                """);
        SchedulerConfig config = config(TestBroker.uniqueNamespace("recdup"), "w1", schedules, "");
        Worker.Builder builder = Worker.builder()
                .settings(config)
                .handle(BEAT, (beat, job) -> {})
                .recurring(RecurringJob.cron("nightly", "0 3 * * *").zone("UTC").job(BEAT, new Beat("code")));

        assertThatThrownBy(builder::start)
                .isInstanceOf(JobladderException.class)
                .hasMessageContaining(
                        schedules + ":2: schedule nightly is also declared in code, at "
                                + RecurringJobsInWorkerTest.class.getName()
                                + ".aNameTheFileAndTheCodeBothDeclareIsRefusedAtStartNamingBothPlaces(RecurringJobsInWorkerTest.java:");
    }

    @Test
    void fileAndCodeSchedulesFireUnderOneLeaderOfTwoWorkersAndAnEditOfTheFileKeepsTheCodeSchedule() throws Exception {
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  from-file { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "beat",
                              payload = "{\\"note\\":\\"file\\"}", content-type = "application/json" }
                }
                """);
        String namespace = TestBroker.uniqueNamespace("recboth");
        String audit = "jobladder.audit { jdbc-url = \"%s\", username = \"%s\", password = \"%s\" }"
                .formatted(TestPostgres.createDatabase("recurring"), TestPostgres.USER, TestPostgres.PASSWORD);
        List<String> ran = new CopyOnWriteArrayList<>();
        RecurringJob fromCode =
                RecurringJob.quartz("from-code", "* * * * * ?").zone("UTC").job(BEAT, new Beat("code"));
        WorkerDaemon guiced = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config(namespace, "guiced", schedules, audit), Clock.systemUTC()),
                        binder -> {
                            JobHandlers.register(binder, BEAT, (beat, job) -> ran.add(job.jobId() + " " + beat.note()));
                            RecurringJobs.register(binder, fromCode);
                        })
                .getInstance(WorkerDaemon.class);
        guiced.start();
        try (Worker built = Worker.builder()
                .settings(config(namespace, "built", schedules, audit))
                .handle(BEAT, (beat, job) -> ran.add(job.jobId() + " " + beat.note()))
                .recurring(fromCode)
                .start()) {
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> count(ran, "from-file@") >= 3 && count(ran, "from-code@") >= 3,
                    () -> "both schedules fired three times; ran " + ran);
            assertThat(guiced.cronLeader() ^ built.cronLeader())
                    .as("exactly one leader")
                    .isTrue();
            assertThat(guiced.store().cronCursor("from-code")).isPresent();
            assertThat(guiced.store().cronCursor("from-file")).isPresent();

            Files.writeString(schedules, """
                    schedules {
                      edited { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "beat",
                               payload = "{\\"note\\":\\"edited\\"}", content-type = "application/json" }
                    }
                    """);
            Poll.until(Duration.ofSeconds(30), () -> count(ran, "edited@") >= 2, () -> "the edit fired; ran " + ran);
            long codeFiresAtEdit = count(ran, "from-code@");
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> count(ran, "from-code@") >= codeFiresAtEdit + 2,
                    () -> "the code schedule kept firing after the edit; ran " + ran);
        } finally {
            guiced.stop();
        }
        List<String> ids =
                ran.stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
        assertThat(ids).as("each fire ran once").doesNotHaveDuplicates();
        assertThat(ran)
                .filteredOn(line -> line.startsWith("from-code@"))
                .allMatch(line -> line.matches(FIRE_ID.formatted("from-code") + " code"));
        assertThat(ran)
                .filteredOn(line -> line.startsWith("from-file@"))
                .allMatch(line -> line.matches(FIRE_ID.formatted("from-file") + " file"));
    }

    private static long count(List<String> ran, String prefix) {
        return ran.stream().filter(line -> line.startsWith(prefix)).count();
    }
}
