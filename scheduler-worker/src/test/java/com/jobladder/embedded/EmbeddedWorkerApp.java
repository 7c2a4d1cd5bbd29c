package com.jobladder.embedded;

import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.api.JobType;
import com.jobladder.api.ScheduledJob;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application that embeds a worker, run by {@link EmbeddedWorkerTest} in a JVM whose classpath
 * has neither Guice nor logback: it schedules one typed job, waits for it to succeed and prints
 * what its handler received.
 */
public final class EmbeddedWorkerApp {
    public record Greeting(String to, int times) {}

    static final JobType<Greeting> GREET = JobType.json("greet", Greeting.class);

    private EmbeddedWorkerApp() {}

    public static void main(String[] args) throws Exception {
        for (String absent : new String[] {"com.google.inject.Guice", "ch.qos.logback.classic.Logger"}) {
            try {
                Class.forName(absent);
                throw new AssertionError(absent + " is on the classpath; this application must run without it");
            } catch (ClassNotFoundException expected) {
                // As it should be.
            }
        }
        SchedulerConfig config = ConfigLoader.load(Path.of(args[0]), Map.of());
        CompletableFuture<Greeting> received = new CompletableFuture<>();
        try (Worker worker = Worker.builder()
                        .settings(config)
                        .handle(GREET, (greeting, job) -> received.complete(greeting))
                        .start();
                JobScheduler scheduler =
                        JobSchedulerBuilder.fromSettings(config).build()) {
            ScheduledJob job =
                    scheduler.schedule(GREET.with(new Greeting("ada", 2)).after(Duration.ofMillis(300)));
            Greeting greeting = received.get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (scheduler.status(job.id()).state() != JobState.SUCCEEDED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.println(
                    "ran " + greeting + " as " + scheduler.status(job.id()).state());
        }
    }
}
