package com.jobladder.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.handler.JobHandler;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TcpProxy;
import com.jobladder.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class MetricsAndHealthTest {
    @TempDir
    Path dataDir;

    @Test
    void theScrapeCountsEveryOutcomeByTypeAsTheAuditStoreRecordsItAndShowsQueueDepths() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("metrics"), dataDir, """
                jobladder.job-types.boom { max-attempts = 2, backoff-base = 100ms, backoff-cap = 100ms }
                """);
        JobHandler fail = job -> {
            throw new IllegalStateException("boom");
        };
        SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of("ok", job -> {}, "boom", fail));
                JobScheduler scheduler = JobSchedulerBuilder.fromSettings(config)
                        .meterRegistry(clientMeters)
                        .build()) {
            for (int i = 0; i < 5; i++) {
                scheduler.schedule(JobRequest.ofType("ok").after(Duration.ofMillis(300)));
            }
            scheduler.schedule(JobRequest.ofType("boom").id("boom-1").now());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> worker.store().attemptCount() == 7,
                    () -> worker.store().attemptCount() + " audit rows, expected 5 successes + 1 failure + 1 dead");

            Poll.until(
                    Duration.ofSeconds(20),
                    () -> scrape(worker).contains("role=\"dead\"} 1.0"),
                    () -> "the dead queue's depth of 1 never showed:\n" + grep(scrape(worker), "jobladder_queue"));
            String metrics = scrape(worker);
            assertThat(value(metrics, "jobladder_job_attempts_total{outcome=\"succeeded\",type=\"ok\"}"))
                    .isEqualTo(5);
            assertThat(value(metrics, "jobladder_job_attempts_total{outcome=\"failed\",type=\"boom\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "jobladder_job_attempts_total{outcome=\"dead\",type=\"boom\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "jobladder_job_retried_total{type=\"boom\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "jobladder_job_started_total{type=\"ok\"}"))
                    .isEqualTo(5);
            assertThat(value(metrics, "jobladder_job_started_total{type=\"boom\"}"))
                    .isEqualTo(2);
            assertThat(value(metrics, "jobladder_job_lateness_seconds_count{type=\"ok\"}"))
                    .isEqualTo(5);
            assertThat(value(metrics, "jobladder_job_arrival_lateness_seconds_count{type=\"ok\"}"))
                    .as("one arrival per delivery")
                    .isEqualTo(5);
            assertThat(metrics)
                    .as("histogram buckets Prometheus can aggregate")
                    .contains("jobladder_job_lateness_seconds_bucket{type=\"ok\",le=\"+Inf\"} 5")
                    .contains("jobladder_job_run_seconds_bucket{outcome=\"succeeded\",type=\"ok\",le=");
            assertThat(value(metrics, "jobladder_audit_rows_total"))
                    .isEqualTo(worker.store().attemptCount());
            assertThat(value(metrics, "jobladder_audit_commit_seconds_count")).isPositive();
            assertThat(value(
                            metrics,
                            "jobladder_publish_confirm_seconds_count{component=\"worker\",outcome=\"confirmed\"}"))
                    .as("the worker's retry and dead-job copy")
                    .isGreaterThanOrEqualTo(2);
            assertThat(metrics)
                    .contains("jobladder_jobs_held ")
                    .contains("jobladder_cron_leader ")
                    .as("embedded H2: this host's clock is the reference")
                    .contains("jobladder_clock_offset_seconds 0.0")
                    .contains("jobladder_clock_correction_seconds 0.0")
                    .contains("jobladder_deliveries_in_flight{type=\"ok\"}")
                    .contains("role=\"ladder\"")
                    .contains("role=\"worker\"")
                    .contains("role=\"unrouted\"");
            assertThat(worker.stats().count(Outcome.SUCCEEDED)).isEqualTo(5);

            assertThat(clientMeters
                            .counter("jobladder.job.scheduled", "type", "ok", "outcome", "confirmed")
                            .count())
                    .isEqualTo(5);
            assertThat(clientMeters
                            .timer("jobladder.publish.confirm", "component", "client", "outcome", "confirmed")
                            .count())
                    .isEqualTo(6);
        }
    }

    @Test
    void readyIsUpWhileEverythingAnswersAnd503WithTheReasonWhileTheBrokerIsUnreachable() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestBroker.HOST, TestBroker.PORT)) {
            SchedulerConfig direct = TestBroker.config(TestBroker.uniqueNamespace("health"), dataDir);
            SchedulerConfig viaProxy = direct.withBroker(direct.broker().withUri(TestBroker.uriVia(proxy.port())));
            try (WorkerDaemon worker = TestWorkers.start(viaProxy, Map.of("ok", job -> {}))) {
                int port = worker.httpPort();
                assertThat(HttpGet.get(port, "/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
                HttpResponse<String> ready = HttpGet.get(port, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");

                proxy.cut();
                Poll.until(
                        Duration.ofSeconds(20),
                        () -> status(port) == 503,
                        () -> "ready stayed up with the broker" + " unreachable");
                HttpResponse<String> down = HttpGet.get(port, "/health/ready");
                assertThat(down.body())
                        .startsWith("{\"status\":\"DOWN\",\"reasons\":[")
                        .contains("connection to the broker is down");
                assertThat(HttpGet.get(port, "/health/live").statusCode()).isEqualTo(200);

                proxy.resume();
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> status(port) == 200,
                        () -> "ready did not come back once the broker was reachable again");
            }
        }
    }

    @Test
    void aStoppedWorkerClosesItsPort() throws Exception {
        SchedulerConfig config = TestBroker.config(TestBroker.uniqueNamespace("http-stop"), dataDir);
        WorkerDaemon worker = TestWorkers.start(config, Map.of("ok", job -> {}));
        int port = worker.httpPort();
        assertThat(port).isPositive();
        worker.stop();
        try {
            HttpGet.get(port, "/health/live");
            throw new AssertionError("port " + port + " still answers after stop");
        } catch (java.net.ConnectException expected) {
            // Closed, as a load balancer should see it.
        }
    }

    @Test
    void aStartThatFailsClosesThePortItOpened() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SchedulerConfig unreachable = TestBroker.config(
                TestBroker.uniqueNamespace("http-failed"), dataDir, "jobladder.broker.connection-timeout = 2s");
        SchedulerConfig config = unreachable
                .withBroker(unreachable.broker().withUri("amqp://guest:guest@127.0.0.1:1/%2f"))
                .withHttp(unreachable.http().withPort(port));
        assertThatThrownBy(() -> TestWorkers.start(config, Map.of("ok", job -> {})))
                .hasMessageContaining("127.0.0.1:1");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort())
                    .as("the failed start released its port")
                    .isEqualTo(port);
        }
    }

    private static int status(int port) {
        try {
            return HttpGet.get(port, "/health/ready").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String scrape(WorkerDaemon worker) {
        try {
            HttpResponse<String> response = HttpGet.get(worker.httpPort(), "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String grep(String text, String word) {
        return String.join(
                "\n", text.lines().filter(line -> line.contains(word)).toList());
    }

    /** The sample's value; fails with the lines of that metric when it is missing. */
    static double value(String scrape, String sample) {
        Matcher matcher =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        if (!matcher.find()) {
            String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
            throw new AssertionError(
                    "no sample " + sample + " in the scrape; lines of " + name + ":\n" + grep(scrape, name));
        }
        return Double.parseDouble(matcher.group(1));
    }
}
