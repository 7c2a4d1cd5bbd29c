package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A memory alarm on a private node blocks publishers: schedule fails fast and says why, then recovers. */
@Tag("crash")
class BackPressureTest {
    @TempDir
    Path dataDir;

    @Test
    void aBrokerUnderAMemoryAlarmMakesScheduleFailFastSayingSoAndWorksAgainOnceItClears() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start()) {
            SchedulerConfig local = TestBroker.config("pressure", dataDir,
                    "jobladder.broker.confirm-timeout = 3s\njobladder.ladder.queue-type = quorum");
            SchedulerConfig config = local.withBroker(local.broker().withUri(broker.uri()));
            try (JobScheduler scheduler = JobSchedulerBuilder.fromConfig(config).build()) {
                scheduler.schedule(JobRequest.ofType("pressed").after(Duration.ofSeconds(30)));

                broker.rabbitmqctl("set_vm_memory_high_watermark", "0.000001");
                Poll.until(Duration.ofSeconds(30), () -> refused(scheduler), () -> "schedule refused under the alarm");
                long started = System.nanoTime();
                assertThatThrownBy(() -> scheduler.schedule(JobRequest.ofType("pressed").id("blocked-1")
                        .after(Duration.ofSeconds(30))))
                        .isInstanceOf(ScheduleFailedException.class)
                        .hasMessageContaining("job blocked-1 was not scheduled")
                        .hasMessageContaining("memory or disk alarm");
                // Fails at once on connection.blocked, well before the 3 s confirm timeout would.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));

                broker.rabbitmqctl("set_vm_memory_high_watermark", "0.4");
                Poll.until(Duration.ofSeconds(30), () -> !refused(scheduler), () -> "schedule works after the alarm");
            }
        }
    }

    private static boolean refused(JobScheduler scheduler) {
        try {
            scheduler.schedule(JobRequest.ofType("pressed").after(Duration.ofSeconds(30)));
            return false;
        } catch (ScheduleFailedException e) {
            return true;
        }
    }
}
