package com.jobladder.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobladderException;
import com.jobladder.internal.config.AuditSettings;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.jdbc.AuditUnavailableException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The writer thread's own logic, on a store that fails on command: what no real database does
 * on demand (an Error mid-batch, unavailable for ever). Rows the database refuses are tested on
 * H2 and PostgreSQL in {@link AuditStoreContract}.
 */
class AuditBatcherTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AuditSettings SETTINGS =
            ConfigLoader.defaults(Map.of()).audit();

    @Test
    void anErrorWhileRecordingFailsThatBatchAndTheWriterGoesOnWithTheNext() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (AuditBatcher batcher = new AuditBatcher(
                scripted(attempts -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new StackOverflowError("deep");
                    }
                }),
                SETTINGS)) {
            CompletableFuture<Outcome> first = batcher.record(attempt("first"));
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JobladderException.class)
                    .hasMessageContaining("StackOverflowError");

            assertThat(batcher.record(attempt("second")).get(10, TimeUnit.SECONDS))
                    .isEqualTo(Outcome.SUCCEEDED);
            assertThat(batcher.unrecorded()).isEqualTo(1);
        }
    }

    @Test
    void closeFailsWhatTheUnavailableStoreHeldAndCountsIt() throws Exception {
        AuditBatcher batcher = new AuditBatcher(
                scripted(attempts -> {
                    throw new AuditUnavailableException("down", null);
                }),
                SETTINGS);
        CompletableFuture<Outcome> held = batcher.record(attempt("held"));
        batcher.close();

        assertThat(held).isCompletedExceptionally();
        assertThatThrownBy(() -> batcher.record(attempt("late")).get()).hasMessageContaining("closing");
        assertThat(batcher.unrecorded()).isEqualTo(2);
    }

    private static JobAttempt attempt(String id) {
        return new JobAttempt(id, 1, "t", null, T0, T0, T0, Outcome.SUCCEEDED, "w", null, Duration.ZERO);
    }

    /**
     * A store that runs {@code script} on each batch, then stores every attempt as given; only
     * {@code record} and {@code close} exist (a proxy, so that methods added to the interface
     * need nothing here).
     */
    @SuppressWarnings("unchecked")
    private static AuditStore scripted(Consumer<List<JobAttempt>> script) {
        return (AuditStore) Proxy.newProxyInstance(
                AuditStore.class.getClassLoader(),
                new Class<?>[] {AuditStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "record" -> {
                        List<JobAttempt> attempts = (List<JobAttempt>) args[0];
                        script.accept(attempts);
                        yield attempts.stream().map(JobAttempt::outcome).toList();
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
