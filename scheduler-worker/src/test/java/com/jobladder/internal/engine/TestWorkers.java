package com.jobladder.internal.engine;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.jobladder.handler.JobHandler;
import com.jobladder.handler.JobHandlers;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.daemon.WorkerModule;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/** Starts a worker daemon in this JVM with the given handlers, wired the way production wires it. */
public final class TestWorkers {
    private TestWorkers() {}

    public static WorkerDaemon start(SchedulerConfig config, Map<String, JobHandler> handlers) throws IOException {
        WorkerDaemon daemon = Guice.createInjector(
                        Stage.PRODUCTION,
                        new WorkerModule(config, Clock.systemUTC()),
                        binder -> handlers.forEach((type, handler) -> JobHandlers.register(binder, type, handler)))
                .getInstance(WorkerDaemon.class);
        daemon.start();
        return daemon;
    }
}
