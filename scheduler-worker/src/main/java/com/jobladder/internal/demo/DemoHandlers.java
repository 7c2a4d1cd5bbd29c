package com.jobladder.internal.demo;

import com.google.inject.AbstractModule;
import com.jobladder.handler.JobHandlers;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handlers for the demo: {@code demo} jobs take a few milliseconds and fail now and then, so
 * retries show; the cron types of the sample {@code conf/schedules.conf} log a line.
 */
public final class DemoHandlers extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(DemoHandlers.class);
    /** One demo job in fifty fails its attempt, to show retries in the summary and the audit log. */
    private static final int FAIL_ONE_IN = 50;

    @Override
    protected void configure() {
        JobHandlers.register(binder(), DemoWorkload.DEMO, (demo, job) -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5));
            if (ThreadLocalRandom.current().nextInt(FAIL_ONE_IN) == 0) {
                throw new IllegalStateException("demo job " + demo.number() + " fails, will be retried");
            }
            log.debug("demo job {} ran, {} ms after it was scheduled", demo.number(), demo.delayMillis());
        });
        for (String cronType : new String[] {"heartbeat", "report"}) {
            JobHandlers.register(
                    binder(),
                    cronType,
                    job -> log.info(
                            "cron job {} ran (schedule {}, due {})", job.jobId(), job.scheduleName(), job.dueAt()));
        }
    }
}
