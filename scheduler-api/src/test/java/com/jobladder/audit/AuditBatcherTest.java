package com.jobladder.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobStatus;
import com.jobladder.api.JobladderException;
import com.jobladder.config.AuditSettings;
import com.jobladder.config.ConfigLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The writer thread's own logic, on a store that fails on command: what no real database does
 * on demand (an Error mid-batch, unavailable for ever). Rows the database refuses are tested on
 * H2 and PostgreSQL in {@link AuditStoreContract}.
 */
class AuditBatcherTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AuditSettings SETTINGS = ConfigLoader.defaults(Map.of()).audit();

    @Test
    void anErrorWhileRecordingFailsThatBatchAndTheWriterGoesOnWithTheNext() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AuditBatcher batcher = new AuditBatcher(new ScriptedStore(attempts -> {
            if (calls.incrementAndGet() == 1) {
                throw new StackOverflowError("deep");
            }
        }), SETTINGS)) {
            CompletableFuture<Outcome> first = batcher.record(attempt("first"));
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JobladderException.class).hasMessageContaining("StackOverflowError");

            assertThat(batcher.record(attempt("second")).get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.SUCCEEDED);
            assertThat(batcher.unrecorded()).isEqualTo(1);
        }
    }

    @Test
    void closeFailsWhatTheUnavailableStoreHeldAndCountsIt() throws Exception {
        AuditBatcher batcher = new AuditBatcher(new ScriptedStore(attempts -> {
            throw new AuditUnavailableException("down", null);
        }), SETTINGS);
        CompletableFuture<Outcome> held = batcher.record(attempt("held"));
        batcher.close();

        assertThat(held).isCompletedExceptionally();
        assertThatThrownBy(() -> batcher.record(attempt("late")).get()).hasMessageContaining("closing");
        assertThat(batcher.unrecorded()).isEqualTo(2);
    }

    private static JobAttempt attempt(String id) {
        return new JobAttempt(id, 1, "t", null, T0, T0, T0, Outcome.SUCCEEDED, "w", null, Duration.ZERO);
    }

    /** Runs {@code script} on each batch, then stores every attempt as given. */
    private record ScriptedStore(java.util.function.Consumer<List<JobAttempt>> script) implements AuditStore {
        @Override
        public List<Outcome> record(List<JobAttempt> attempts) {
            script.accept(attempts);
            return attempts.stream().map(JobAttempt::outcome).toList();
        }

        @Override
        public Precheck precheck(String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markRunning(String jobId, int attempt, String workerId, Instant startedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clearRunning(String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CancelResult cancel(String jobId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobStatus status(String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JobAttempt> lastAttemptsOfSchedule(String scheduleName, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean tryLockSchedule(String scheduleName, String jobId, String workerId, Instant now,
                                       Instant expiresAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unlockSchedule(String scheduleName, String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instant> cronCursor(String scheduleName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveCronCursor(String scheduleName, Instant lastFireAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int deleteExpiredChunk(Instant cutoff, int chunkSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long attemptCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long successCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
