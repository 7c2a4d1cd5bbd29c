package com.jobladder.internal.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedTimerTest {
    @Test
    void aConfirmTimeoutCancelledByItsConfirmLeavesTheTimerAtOnce() {
        ScheduledThreadPoolExecutor timer = SharedTimer.create();
        try {
            for (int i = 0; i < 10_000; i++) {
                ScheduledFuture<?> timeout = timer.schedule(() -> {}, 10, TimeUnit.SECONDS);
                timeout.cancel(false);
            }
            assertThat(timer.getQueue()).isEmpty();
        } finally {
            timer.shutdownNow();
        }
    }
}
