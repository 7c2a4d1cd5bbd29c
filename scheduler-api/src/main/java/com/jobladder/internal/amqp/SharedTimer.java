package com.jobladder.internal.amqp;

import com.jobladder.internal.concurrent.DaemonThreads;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one timer thread of a broker session: confirm timeouts, handler watchdogs and other short tasks. */
final class SharedTimer {
    private SharedTimer() {}

    /**
     * Nearly every task on it is cancelled (a confirm arrives long before its timeout): without
     * remove-on-cancel a cancelled task stays queued until its delay ends, hundreds of thousands
     * of them at 1,000 jobs/s with a 10 s timeout.
     */
    static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("jobladder-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
