package com.jobladder.spring.boot;

import com.jobladder.api.JobladderSettings;
import com.jobladder.handler.RecurringJob;
import com.jobladder.worker.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker {@code jobladder.worker.enabled=true} runs, started and stopped with the application context.
 * It starts once every singleton exists, so handler beans are ready; it stops in the phase of the web
 * server's graceful shutdown and beside it: it stops consuming, lets running jobs finish within
 * {@code jobladder.worker.shutdown-grace}, hands held jobs back to the broker and closes its connections, on
 * a thread of its own so that the two drain together. Spring waits for both up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (docs/spring-boot.md, "Shutdown").
 */
final class EmbeddedWorker implements SmartLifecycle {
    /** The phase of Boot's web server graceful shutdown. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWorker.class);

    private final JobladderSettings settings;
    private final ConfigurableListableBeanFactory beans;
    private final Optional<MeterRegistry> meterRegistry;
    private volatile Worker worker;

    EmbeddedWorker(
            JobladderSettings settings, ConfigurableListableBeanFactory beans, Optional<MeterRegistry> meterRegistry) {
        this.settings = settings;
        this.beans = beans;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Worker.Builder builder = Worker.builder().settings(settings);
        meterRegistry.ifPresent(builder::meterRegistry);
        new HandlerBeans(beans).registerWith(builder);
        beans.getBeansOfType(RecurringJob.class).values().forEach(builder::recurring);
        worker = builder.start();
    }

    @Override
    public void stop(Runnable callback) {
        Worker running = takeWorker();
        if (running == null) {
            callback.run();
            return;
        }
        Thread stopping = new Thread(
                () -> {
                    try {
                        running.close();
                    } catch (RuntimeException e) {
                        log.error(
                                "Embedded worker - failed to stop cleanly: {}; unacknowledged jobs return to the"
                                        + " broker when its connections close",
                                e.getMessage(),
                                e);
                    } finally {
                        callback.run();
                    }
                },
                "jobladder-worker-stop");
        stopping.start();
    }

    @Override
    public void stop() {
        Worker running = takeWorker();
        if (running != null) {
            running.close();
        }
    }

    private synchronized Worker takeWorker() {
        Worker running = worker;
        worker = null;
        return running;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Why the worker cannot take jobs now; empty when it can. */
    List<String> notReady() {
        Worker running = worker;
        return running == null ? List.of("the worker is not running") : running.notReady();
    }
}
