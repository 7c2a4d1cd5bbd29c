package com.jobladder.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.api.JobAttempt;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class SchedulerCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** Runs the command in this JVM, capturing what it prints. */
    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int exit = SchedulerCli.execute(args);
            return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path conf() throws Exception {
        return conf(TestBroker.uniqueNamespace("cli"));
    }

    private Path conf(String namespace) throws Exception {
        return Files.writeString(
                dir.resolve("scheduler.conf"), """
                jobladder {
                  data-dir = "%s"
                  broker { uri = "%s", namespace = "%s" }
                  ladder { radix = 8, levels = 6, queue-type = classic }
                  http.port = 0
                }
                """.formatted(dir.resolve("data"), TestBroker.uri(), namespace));
    }

    @Test
    void schedulesTriggerFiresAScheduleNowUnderAManualIdThatTheWorkerRunsAndRecordsUnderTheSchedule() throws Exception {
        String namespace = TestBroker.uniqueNamespace("trigger");
        Path conf = conf(namespace);
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  nightly { cron = "0 2 * * *", syntax = unix, time-zone = "UTC", job-type = "report", payload = "all" }
                }
                """);
        SchedulerConfig config = TestBroker.config(namespace, dir.resolve("data"));
        List<String> ran = new CopyOnWriteArrayList<>();
        WorkerDaemon worker = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, Clock.systemUTC()),
                        binder -> JobHandlers.register(
                                binder,
                                "report",
                                job -> ran.add(job.jobId() + " " + new String(job.payload(), StandardCharsets.UTF_8))))
                .getInstance(WorkerDaemon.class);
        worker.start();
        try {
            Run trigger =
                    run("schedules", "trigger", "--conf", conf.toString(), "--file", schedules.toString(), "nightly");
            assertThat(trigger.exit()).as(trigger.err()).isZero();
            assertThat(trigger.out()).matches("nightly@manual-\\S+Z report due \\S+\\s*");
            String jobId = trigger.out().substring(0, trigger.out().indexOf(' '));
            Poll.until(Duration.ofSeconds(30), () -> ran.contains(jobId + " all"), () -> "the worker ran " + ran);
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().lastAttemptsOfSchedule("nightly", 10).stream()
                            .anyMatch(a -> a.jobId().equals(jobId) && a.outcome() == JobAttempt.Outcome.SUCCEEDED),
                    () -> "a SUCCEEDED row of " + jobId + " under schedule nightly");

            Run unknown =
                    run("schedules", "trigger", "--conf", conf.toString(), "--file", schedules.toString(), "nigthly");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err())
                    .contains("no schedule named \"nigthly\" in " + schedules + ": expected one of [nightly]")
                    .contains("a schedule declared in code with RecurringJob is known"
                            + " only to the application's workers");
        } finally {
            worker.stop();
        }
    }

    @Test
    void submitPrintsTheConfirmedIdAndStatusAndCancelAnswerForIt() throws Exception {
        String conf = conf().toString();

        Run submit = run(
                "submit",
                "--conf",
                conf,
                "--type",
                "send-email",
                "--payload",
                "to=ada",
                "--delay",
                "1h",
                "--id",
                "welcome-7");
        assertThat(submit.exit()).as(submit.err()).isZero();
        assertThat(submit.out()).startsWith("welcome-7 send-email due ");

        assertThat(run("status", "--conf", conf, "welcome-7").out()).startsWith("welcome-7 PENDING");
        assertThat(run("cancel", "--conf", conf, "welcome-7").out()).startsWith("welcome-7 CANCELLED");
        assertThat(run("status", "--conf", conf, "welcome-7").out()).startsWith("welcome-7 CANCELLED");
    }

    @Test
    void migrateCreatesTheAuditStoreThatAClientThenFinds() throws Exception {
        String conf = conf().toString();

        Run migrate = run("migrate", "--conf", conf);

        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out())
                .startsWith("audit store at jdbc:h2:file:" + dir.resolve("data"))
                .contains("is up to date");
        try (var scheduler = com.jobladder.client.JobSchedulerBuilder.fromSettings(
                        com.jobladder.internal.config.ConfigLoader.load(Path.of(conf)))
                .build()) {
            assertThat(scheduler.status("nobody").state()).isEqualTo(com.jobladder.api.JobState.PENDING);
        }
    }

    @Test
    void aBadSettingOrArgumentExitsWithTwoAndSaysWhatIsWrong() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.conf"), "jobladder.ladder.radix = 1\n");

        Run badConf = run("status", "--conf", broken.toString(), "x");
        assertThat(badConf.exit()).isEqualTo(2);
        assertThat(badConf.err()).contains("jobladder.ladder.radix = 1 is invalid: expected an integer from 2 to 64");

        Run badType = run("submit", "--conf", conf().toString(), "--type", "Send Email");
        assertThat(badType.exit()).isEqualTo(2);
        assertThat(badType.err()).contains("job type \"Send Email\" is invalid");
    }

    @Test
    void everyCommandsHelpShowsAnExample() {
        for (String command : new String[] {"worker", "submit", "status", "cancel", "dead", "schedules", "migrate"}) {
            Run help = run(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as("%s --help", command).containsIgnoringCase("example");
        }
    }

    @Test
    void statusCancelAndSchedulesReadTheEmbeddedStoreWhileAWorkerProcessHoldsIt() throws Exception {
        Path conf = conf();
        Path log = dir.resolve("worker.log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process worker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        classPath,
                        "com.jobladder.internal.cli.SchedulerCli",
                        "worker",
                        "--conf",
                        conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> logOf(log).contains(" - started"),
                    () -> "the worker process did not start:\n" + logOf(log));
            assertThat(Files.readString(dir.resolve("data/audit.lock.db")))
                    .as("the worker holds the database")
                    .contains("server=");

            Run status = run("status", "--conf", conf.toString(), "held-1");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).startsWith("held-1 PENDING");
            Run clocks = run("status", "--conf", conf.toString());
            assertThat(clocks.exit()).as(clocks.err()).isZero();
            assertThat(clocks.out())
                    .as("the worker's clock on embedded H2")
                    .containsPattern(" LOCAL +offset \\+0\\.000 ms ± 0\\.000 ms");
            assertThat(run("cancel", "--conf", conf.toString(), "held-1").out()).startsWith("held-1 CANCELLED");
            Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                    schedules { beat { cron = "*/5 * * * *", syntax = unix, time-zone = "UTC", job-type = "beat" } }
                    """);
            Run listing = run("schedules", "--conf", conf.toString(), "--file", schedules.toString());
            assertThat(listing.exit()).as(listing.err()).isZero();
            assertThat(listing.out()).contains("beat");
        } finally {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
    }

    private static String logOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
