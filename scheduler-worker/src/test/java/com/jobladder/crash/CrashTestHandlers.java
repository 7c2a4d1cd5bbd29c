package com.jobladder.crash;

import com.google.inject.AbstractModule;
import com.jobladder.handler.JobHandlers;

/** Handlers for worker JVMs that crash tests start and kill: each job takes a little while. */
public class CrashTestHandlers extends AbstractModule {
    static final String TYPE = "crashy";
    static final String CRON_TYPE = "beat";
    static final String SLOW_TYPE = "slowpoke";
    /** Keeps a stopping worker draining long enough to see what it does meanwhile. */
    static final String DAWDLE_TYPE = "dawdle";

    @Override
    protected void configure() {
        JobHandlers.register(binder(), TYPE, job -> Thread.sleep(20));
        JobHandlers.register(binder(), CRON_TYPE, job -> {});
        JobHandlers.register(binder(), SLOW_TYPE, job -> Thread.sleep(3_000));
        JobHandlers.register(binder(), DAWDLE_TYPE, job -> Thread.sleep(30_000));
    }
}
