package com.jobladder.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowCleanerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void textIsEscapedAndCutToItsColumnWithoutSplittingACharacter() {
        String schedule = "s".repeat(199) + "😀" + "tail";
        JobAttempt dirty = new JobAttempt(
                "job\u0000",
                1,
                "mail",
                schedule,
                T0,
                T0,
                T0,
                Outcome.FAILED,
                "w".repeat(300),
                "boom\u0000\n" + "e".repeat(5000),
                Duration.ZERO);

        JobAttempt clean = RowCleaner.clean(dirty, "value too long (SQLSTATE 22001)");

        assertThat(clean.jobId()).isEqualTo("job\\u0000");
        assertThat(clean.scheduleName()).isEqualTo("s".repeat(199));
        assertThat(clean.workerId()).hasSize(AuditColumns.WORKER_ID);
        assertThat(clean.error())
                .hasSize(AuditColumns.ERROR)
                .startsWith("[audit row cleaned: value too long (SQLSTATE 22001)] boom\\u0000\\neee");
    }

    @Test
    void timestampsAreClampedAndTheLatenessRecomputedFromThem() {
        Instant tooLate = Instant.parse("+300000-01-01T00:00:00Z");
        JobAttempt absurd = new JobAttempt(
                "j",
                1,
                "mail",
                null,
                Instant.ofEpochMilli(Long.MIN_VALUE),
                T0,
                tooLate,
                Outcome.FAILED,
                "w",
                null,
                Duration.ofSeconds(Long.MAX_VALUE));

        JobAttempt clean = RowCleaner.clean(absurd, "out of range");

        assertThat(clean.dueAt()).isEqualTo(AuditColumns.EARLIEST);
        assertThat(clean.finishedAt()).isEqualTo(AuditColumns.LATEST);
        assertThat(clean.lateness()).isEqualTo(Duration.between(AuditColumns.EARLIEST, T0));
        assertThat(clean.error()).isEqualTo("[audit row cleaned: out of range]");
    }
}
