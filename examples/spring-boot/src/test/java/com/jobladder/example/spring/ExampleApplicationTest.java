package com.jobladder.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.RecurringJob;
import com.jobladder.spring.boot.HandlesJobs;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example against the real broker and PostgreSQL: a REST call schedules, the handler bean runs it. */
@Tag("integration")
// Boot's tests leave metrics export off unless asked: /actuator/prometheus is what is tested here.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private GreetingHandler handler;

    @Autowired
    private JobScheduler scheduler;

    @Autowired
    private Heartbeat heartbeat;

    /** A recurring job and a bytes handler declared as beans, as an application would. */
    @TestConfiguration
    static class Heartbeat {
        final List<String> beats = new CopyOnWriteArrayList<>();

        @Bean
        RecurringJob heartbeatSchedule() {
            return RecurringJob.quartz("heartbeat", "* * * * * ?").zone("UTC").job("heartbeat");
        }

        @Bean
        @HandlesJobs("heartbeat")
        JobHandler heartbeatHandler() {
            return job -> beats.add(job.jobId());
        }
    }

    @DynamicPropertySource
    static void jobladder(DynamicPropertyRegistry registry) {
        TestSettings.properties(TestBroker.uniqueNamespace("spring"), TestPostgres.createDatabase("spring"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void aGreetingScheduledThroughTheRestEndpointRunsInTheHandlerBeanAndShowsInThePrometheusEndpoint() {
        ResponseEntity<ScheduledJob> answer =
                http.postForEntity("/greetings?name=Ada&delay=PT1S", null, ScheduledJob.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        String jobId = answer.getBody().id();
        Poll.until(PATIENCE, () -> handler.greeted().contains("Ada"), () -> "the handler bean greets Ada");
        Poll.until(
                PATIENCE,
                () -> scheduler.status(jobId).state() == JobState.SUCCEEDED,
                () -> "job " + jobId + " recorded as succeeded, but it is " + scheduler.status(jobId));

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics)
                .containsPattern("jobladder_job_attempts_total\\{[^}]*outcome=\"succeeded\"[^}]*type=\"greeting\"")
                .containsPattern("jobladder_job_scheduled_total\\{[^}]*type=\"greeting\"")
                .contains("jobladder_job_lateness_seconds");
    }

    @Test
    void aRecurringJobBeanFiresEverySecondIntoItsHandlerBean() {
        Poll.until(PATIENCE, () -> heartbeat.beats.size() >= 2, () -> "two heartbeats, got " + heartbeat.beats);

        assertThat(heartbeat.beats).allMatch(id -> id.startsWith("heartbeat@"), "fire ids name the schedule");
    }

    @Test
    void theWorkerIsUpInTheReadinessGroup() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).startsWith("{\"status\":\"UP\"").contains("\"jobladder\":{\"status\":\"UP\"}");
    }
}
