package com.jobladder.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.RetentionSettings;
import com.jobladder.testsupport.Poll;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRetentionTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final RetentionSettings EVERY_100_MS =
            new RetentionSettings(true, Duration.ofDays(30), Duration.ofMillis(100), 500);

    @TempDir
    Path dataDir;

    private AuditStore store;

    @BeforeEach
    void openStore() {
        AuditSettings defaults = ConfigLoader.defaults(Map.of()).audit();
        store = AuditStores.open(defaults.withJdbcUrl("jdbc:h2:file:" + dataDir.resolve("audit"), "sa", ""), dataDir);
        List<JobAttempt> rows = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            rows.add(succeeded("old-" + i, NOW.minus(Duration.ofDays(40)).plusSeconds(i)));
        }
        for (int i = 0; i < 30; i++) {
            rows.add(succeeded("recent-" + i, NOW.minus(Duration.ofDays(29))));
        }
        store.record(rows);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aPassDeletesEverythingOlderThanMaxAgeInChunksAndKeepsTheRest() throws Exception {
        try (AuditRetention retention =
                new AuditRetention(store, EVERY_100_MS, () -> true, Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(retention.pass())
                    .as("1,200 attempts and their success markers")
                    .isEqualTo(2_400);
        }
        assertThat(store.attemptCount()).isEqualTo(30);
        assertThat(store.successCount()).isEqualTo(30);
    }

    @Test
    void onlyTheDaemonOnDutyDeletes() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(false);
        try (AuditRetention retention =
                new AuditRetention(store, EVERY_100_MS, leading::get, Clock.fixed(NOW, ZoneOffset.UTC))) {
            retention.start();
            Thread.sleep(500);
            assertThat(store.attemptCount())
                    .as("nothing deleted while another daemon leads")
                    .isEqualTo(1_230);

            leading.set(true);
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> store.attemptCount() == 30,
                    () -> "old rows deleted once this daemon leads; " + store.attemptCount() + " left");
        }
    }

    private static JobAttempt succeeded(String jobId, Instant finished) {
        return new JobAttempt(
                jobId, 1, "mail", null, finished, finished, finished, Outcome.SUCCEEDED, "w", null, Duration.ZERO);
    }
}
