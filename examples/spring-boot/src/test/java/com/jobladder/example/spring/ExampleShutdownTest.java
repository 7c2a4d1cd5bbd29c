package com.jobladder.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.ScheduledJob;
import com.jobladder.handler.TypedJobHandler;
import com.jobladder.spring.boot.HandlesJobs;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closing the application context while its worker runs one job and holds others loses nothing: the
 * running job finishes and is recorded, the held ones go back to the broker and a second application
 * (another pod) runs them.
 */
@Tag("integration")
class ExampleShutdownTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration SLOW_JOB = Duration.ofSeconds(2);

    /** A job type whose handler takes a while, so that it runs while the context closes. */
    @Configuration
    static class SlowJobs {
        final List<String> finished = new CopyOnWriteArrayList<>();
        final List<String> started = new CopyOnWriteArrayList<>();

        @Bean
        @HandlesJobs("slow")
        TypedJobHandler<String> slowHandler() {
            return (text, job) -> {
                started.add(text);
                Thread.sleep(SLOW_JOB.toMillis());
                finished.add(text);
            };
        }
    }

    @Test
    void closingTheContextFinishesTheRunningJobAndHandsHeldOnesBackToAnotherApplication() {
        Map<String, Object> properties = TestSettings.properties(
                TestBroker.uniqueNamespace("spring-shutdown"), TestPostgres.createDatabase("spring_shutdown"));
        ConfigurableApplicationContext first = start(properties);
        JobScheduler scheduler = first.getBean(JobScheduler.class);
        List<ScheduledJob> greetings = new ArrayList<>();
        // Due after the slow job starts, so that they are held (the final approach) while it runs.
        IntStream.range(0, 10)
                .forEach(i -> greetings.add(scheduler.schedule(
                        Greeting.JOB_TYPE.with(new Greeting("guest-" + i)).after(Duration.ofMillis(4_000 + 100 * i)))));
        ScheduledJob slow =
                scheduler.schedule(JobRequest.ofType("slow").payload("slow-1").after(Duration.ofMillis(1_800)));
        SlowJobs firstSlowJobs = first.getBean(SlowJobs.class);
        MeterRegistry firstMeters = first.getBean(MeterRegistry.class);
        GreetingHandler firstHandler = first.getBean(GreetingHandler.class);
        Poll.until(
                PATIENCE,
                () -> !firstSlowJobs.started.isEmpty()
                        && firstMeters.get("jobladder.jobs.held").gauge().value() > 0,
                () -> "the slow job running and greetings held by the first application");

        first.close();

        assertThat(firstSlowJobs.finished).containsExactly("slow-1");
        List<String> greetedFirst = firstHandler.greeted();
        ConfigurableApplicationContext second = start(properties);
        try {
            GreetingHandler secondHandler = second.getBean(GreetingHandler.class);
            JobScheduler secondScheduler = second.getBean(JobScheduler.class);
            Poll.until(
                    PATIENCE,
                    () -> greetings.stream()
                            .allMatch(job -> secondScheduler.status(job.id()).state() == JobState.SUCCEEDED),
                    () -> "every greeting succeeded, but the first application greeted " + greetedFirst
                            + " and the second " + secondHandler.greeted());
            List<String> everyone = new ArrayList<>(greetedFirst);
            everyone.addAll(secondHandler.greeted());
            assertThat(everyone)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 10).mapToObj(i -> "guest-" + i).toList());
            assertThat(secondHandler.greeted()).isNotEmpty();
            assertThat(secondScheduler.status(slow.id()).state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(second.getBean(SlowJobs.class).started).isEmpty();
        } finally {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments, which win over application.yml.
        return new SpringApplicationBuilder(ExampleApplication.class, SlowJobs.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }
}
