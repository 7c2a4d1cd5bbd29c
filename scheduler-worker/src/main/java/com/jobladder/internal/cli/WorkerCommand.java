package com.jobladder.internal.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.HandlerModules;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import com.jobladder.internal.demo.DemoHandlers;
import com.jobladder.internal.demo.DemoWorkload;
import com.jobladder.internal.demo.LiveSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a worker daemon: consumes the worker queue of every job type it has a handler for,",
            "records each attempt in the audit store, and stops cleanly on SIGTERM or Ctrl-C."
        },
        footer = {
            "",
            "Examples:",
            "  scheduler worker                      # handlers from jobladder.worker.handler-modules",
            "  scheduler worker --demo               # demo handlers, a demo producer and a live summary",
            "  scheduler worker --demo --duration 1m"
        })
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Option(names = "--demo", description = "Register demo handlers, schedule demo jobs and print a live summary.")
    boolean demo;

    @Option(
            names = "--demo-rate",
            defaultValue = "20",
            description = "Demo jobs scheduled per second (default: ${DEFAULT-VALUE}).")
    int demoRate;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "Stop after this long (e.g. 2m); runs until stopped when absent.")
    Duration duration;

    @Option(
            names = "--summary-every",
            converter = DurationConverter.class,
            defaultValue = "2s",
            description = "How often the live summary prints (default: ${DEFAULT-VALUE}).")
    Duration summaryEvery;

    @Override
    public Integer call() throws Exception {
        SchedulerConfig config = conf.load();
        List<Module> modules = new ArrayList<>();
        modules.add(new WorkerModule(config, Clock.systemUTC()));
        modules.addAll(HandlerModules.load(config.worker().handlerModules()));
        if (demo) {
            modules.add(new DemoHandlers());
        }
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        WorkerDaemon daemon = injector.getInstance(WorkerDaemon.class);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch startupOver = new CountDownLatch(1);
        AtomicReference<Running> running = new AtomicReference<>();
        AtomicBoolean stopCalled = new AtomicBoolean();
        Runnable stop = () -> {
            // Once, whoever asks first (a signal, --duration, the fallback hook); later callers wait for it.
            // A signal during the start waits for the start to end, then stops what it started.
            if (stopCalled.compareAndSet(false, true)) {
                awaitQuietly(startupOver);
                Running parts = running.get();
                if (parts != null) {
                    parts.stop(daemon);
                }
                stopped.countDown();
            } else {
                awaitQuietly(stopped);
            }
        };
        // Before the start: a SIGTERM that comes while the worker starts is a graceful stop, not an abrupt exit.
        StopSignals.onStop(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "jobladder-shutdown"));
        try {
            daemon.start();
            // The demo's producer adds its own meters (jobs scheduled by type) to the worker's scrape.
            JobScheduler scheduler = demo
                    ? JobSchedulerBuilder.fromSettings(config)
                            .meterRegistry(daemon.meterRegistry())
                            .build()
                    : null;
            DemoWorkload workload = demo ? DemoWorkload.start(scheduler, demoRate) : null;
            running.set(new Running(workload, scheduler, LiveSummary.start(daemon, workload, summaryEvery)));
        } finally {
            startupOver.countDown();
        }
        // After the stop handlers: a signal that comes while this prints is handled.
        if (daemon.httpPort() > 0) {
            String host = config.http().bind().equals("0.0.0.0")
                    ? "127.0.0.1"
                    : config.http().bind();
            System.out.printf(
                    "Dashboard: http://%s:%d/  (metrics /metrics, health /health/ready)%n", host, daemon.httpPort());
        }
        if (duration != null) {
            if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                stop.run();
            }
        }
        stopped.await();
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a started worker command runs beside the daemon, stopped in order. */
    private record Running(DemoWorkload workload, JobScheduler scheduler, LiveSummary summary) {
        /** The worker drains and closes its audit store last; the demo's client, which may share it, goes after. */
        void stop(WorkerDaemon daemon) {
            if (workload != null) {
                workload.stop();
            }
            daemon.stop();
            if (scheduler != null) {
                scheduler.close();
            }
            summary.stop();
        }
    }
}
