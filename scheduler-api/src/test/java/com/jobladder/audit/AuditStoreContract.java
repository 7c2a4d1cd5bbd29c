package com.jobladder.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.CancelResult;
import com.jobladder.api.JobAttempt;
import com.jobladder.api.JobAttempt.Outcome;
import com.jobladder.api.JobState;
import com.jobladder.config.AuditSettings;
import com.jobladder.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every audit store must do, run against each database JobLadder supports: a subclass per
 * database opens the store on a fresh, empty database.
 */
abstract class AuditStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path dataDir;

    private final List<AuditStore> opened = new ArrayList<>();
    private AuditSettings settings;
    AuditStore store;

    /** Settings pointing at an empty database of this test's own. */
    abstract AuditSettings freshDatabase(AuditSettings defaults, Path dataDir);

    @BeforeEach
    void openStore() {
        settings = freshDatabase(ConfigLoader.defaults(Map.of()).audit(), dataDir);
        store = open();
    }

    /** Another store on the same database, as a second worker host has. */
    AuditStore open() {
        AuditStore another = AuditStores.open(settings, dataDir);
        opened.add(another);
        return another;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(AuditStore::close);
    }

    @Test
    void recordsAttemptsAndStatusListsThemOldestFirst() {
        store.record(List.of(attempt("j1", 1, Outcome.FAILED, T0), attempt("j2", 1, Outcome.SUCCEEDED, T0)));
        store.record(List.of(attempt("j1", 2, Outcome.SUCCEEDED, T0.plusSeconds(1))));

        var status = store.status("j1");
        assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(status.attempts()).extracting(JobAttempt::attempt, JobAttempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(2, Outcome.SUCCEEDED));
        JobAttempt first = status.attempts().get(0);
        assertThat(first).isEqualTo(attempt("j1", 1, Outcome.FAILED, T0));
        assertThat(store.status("nobody-knows").state()).isEqualTo(JobState.PENDING);
        assertThat(store.attemptCount()).isEqualTo(3);
        assertThat(store.successCount()).isEqualTo(2);
    }

    @Test
    void aSecondSuccessOfAJobIsStoredAsDuplicateInTheSameBatchAndInALaterOne() {
        List<Outcome> first = store.record(List.of(attempt("once", 1, Outcome.SUCCEEDED, T0),
                attempt("once", 1, Outcome.SUCCEEDED, T0.plusMillis(1))));
        List<Outcome> later = store.record(List.of(attempt("once", 1, Outcome.SUCCEEDED, T0.plusSeconds(1))));

        assertThat(first).containsExactly(Outcome.SUCCEEDED, Outcome.DUPLICATE);
        assertThat(later).containsExactly(Outcome.DUPLICATE);
        assertThat(store.precheck("once")).isEqualTo(AuditStore.Precheck.ALREADY_SUCCEEDED);
        assertThat(store.successCount()).isEqualTo(1);
    }

    @Test
    void workersOnTwoHostsRacingOnTheSameJobsRecordOneSuccessEachAndTheRestAsDuplicates() throws Exception {
        List<AuditStore> hosts = List.of(store, open());
        int jobs = 300;
        int writersPerHost = 4;
        List<Callable<List<Outcome>>> writers = new ArrayList<>();
        for (AuditStore host : hosts) {
            for (int w = 0; w < writersPerHost; w++) {
                List<Integer> order = new ArrayList<>(IntStream.range(0, jobs).boxed().toList());
                Collections.shuffle(order);
                writers.add(() -> {
                    List<Outcome> outcomes = new ArrayList<>();
                    for (int from = 0; from < jobs; from += 25) {
                        List<JobAttempt> batch = order.subList(from, from + 25).stream()
                                .map(i -> attempt("race-" + i, 1, Outcome.SUCCEEDED, T0)).toList();
                        outcomes.addAll(host.record(batch));
                    }
                    return outcomes;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        List<Outcome> all = new ArrayList<>();
        try {
            for (Future<List<Outcome>> done : pool.invokeAll(writers)) {
                all.addAll(done.get());
            }
        } finally {
            pool.shutdownNow();
        }

        int racers = hosts.size() * writersPerHost;
        assertThat(all).filteredOn(o -> o == Outcome.SUCCEEDED).hasSize(jobs);
        assertThat(all).filteredOn(o -> o == Outcome.DUPLICATE).hasSize(jobs * (racers - 1));
        assertThat(store.successCount()).isEqualTo(jobs);
        for (int i = 0; i < jobs; i += 37) {
            assertThat(store.status("race-" + i).attempts()).filteredOn(a -> a.outcome() == Outcome.SUCCEEDED)
                    .hasSize(1);
        }
    }

    @Test
    void cancelWritesATombstoneOnceAndRefusesAFinishedJob() {
        assertThat(store.cancel("later", T0)).isEqualTo(CancelResult.CANCELLED);
        assertThat(store.cancel("later", T0.plusSeconds(1))).isEqualTo(CancelResult.ALREADY_CANCELLED);
        assertThat(store.precheck("later")).isEqualTo(AuditStore.Precheck.CANCELLED);
        assertThat(store.status("later").state()).isEqualTo(JobState.CANCELLED);

        store.record(List.of(attempt("done", 1, Outcome.SUCCEEDED, T0)));
        assertThat(store.cancel("done", T0.plusSeconds(1))).isEqualTo(CancelResult.ALREADY_FINISHED);
        assertThat(store.precheck("done")).isEqualTo(AuditStore.Precheck.ALREADY_SUCCEEDED);
        assertThat(store.precheck("fresh")).isEqualTo(AuditStore.Precheck.RUN);
    }

    @Test
    void manyJobsLookedUpInOneQueryGetTheAnswerEachWouldGetAlone() {
        store.cancel("later", T0);
        store.record(List.of(attempt("done", 1, Outcome.SUCCEEDED, T0)));
        store.cancel("cancelled-then-ran", T0);
        store.record(List.of(attempt("cancelled-then-ran", 1, Outcome.SUCCEEDED, T0)));
        List<String> ids = List.of("later", "done", "fresh", "cancelled-then-ran");

        Map<String, AuditStore.Precheck> answers = store.precheckAll(ids);

        assertThat(answers).containsOnlyKeys(ids);
        ids.forEach(id -> assertThat(answers.get(id)).as(id).isEqualTo(store.precheck(id)));
        assertThat(answers.get("cancelled-then-ran")).isEqualTo(AuditStore.Precheck.ALREADY_SUCCEEDED);
        assertThat(store.precheckAll(List.of())).isEmpty();
    }

    @Test
    void aRunningMarkMakesStatusRunningUntilCleared() {
        store.markRunning("busy", 1, "host-a", T0);
        store.markRunning("busy", 2, "host-b", T0.plusSeconds(5));
        assertThat(store.status("busy").state()).isEqualTo(JobState.RUNNING);
        store.clearRunning("busy");
        assertThat(store.status("busy").state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aScheduleRunLockIsHeldByOneJobUntilReleasedOrExpired() {
        Instant expires = T0.plusSeconds(60);
        assertThat(store.tryLockSchedule("report", "report@1", "a", T0, expires)).isTrue();
        assertThat(open().tryLockSchedule("report", "report@2", "b", T0.plusSeconds(1), expires)).isFalse();
        store.unlockSchedule("report", "report@2");
        assertThat(store.tryLockSchedule("report", "report@2", "b", T0.plusSeconds(2), expires)).isFalse();
        assertThat(store.tryLockSchedule("report", "report@3", "b", expires.plusMillis(1), expires.plusSeconds(60)))
                .as("an expired lock is taken over").isTrue();
        store.unlockSchedule("report", "report@3");
        assertThat(store.tryLockSchedule("report", "report@4", "a", expires.plusSeconds(2), expires.plusSeconds(60)))
                .isTrue();
    }

    @Test
    void theCronCursorIsSavedAndMovedOn() {
        assertThat(store.cronCursor("beat")).isEmpty();
        store.saveCronCursor("beat", T0);
        open().saveCronCursor("beat", T0.plusSeconds(10));
        assertThat(store.cronCursor("beat")).contains(T0.plusSeconds(10));
    }

    @Test
    void theLastFiresOfAScheduleComeNewestFirstUpToTheLimit() {
        List<JobAttempt> fires = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fires.add(fired("beat", T0.plusSeconds(i)));
        }
        fires.add(fired("other", T0.plusSeconds(9)));
        store.record(fires);

        assertThat(store.lastAttemptsOfSchedule("beat", 3)).extracting(JobAttempt::jobId)
                .containsExactly("beat@" + T0.plusSeconds(4), "beat@" + T0.plusSeconds(3), "beat@" + T0.plusSeconds(2));
    }

    @Test
    void aLongErrorIsCutToTheColumnNotRefused() {
        String error = "x".repeat(10_000);
        JobAttempt failed = new JobAttempt("long", 1, "t", null, T0, T0, T0, Outcome.FAILED, "w", error,
                Duration.ZERO);
        store.record(List.of(failed));
        assertThat(store.status("long").attempts().get(0).error()).hasSize(4000);
    }

    @Test
    void retentionDeletesOldRowsInBoundedChunksAndKeepsNewerOnes() {
        Instant cutoff = T0.plus(10, ChronoUnit.DAYS);
        List<JobAttempt> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(attempt("old-" + i, 1, Outcome.SUCCEEDED, T0.plusSeconds(i)));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(attempt("new-" + i, 1, Outcome.SUCCEEDED, cutoff.plusSeconds(i)));
        }
        store.record(rows);
        store.markRunning("stuck", 1, "dead-host", T0);

        List<Integer> chunks = new ArrayList<>();
        for (int deleted; (deleted = store.deleteExpiredChunk(cutoff, 100)) > 0; ) {
            chunks.add(deleted);
        }

        assertThat(chunks).allMatch(n -> n <= 100);
        assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).as("250 markers, 1 mark, 250 attempts")
                .isEqualTo(501);
        assertThat(store.attemptCount()).isEqualTo(20);
        assertThat(store.successCount()).isEqualTo(20);
        assertThat(store.status("old-0").state()).isEqualTo(JobState.PENDING);
        assertThat(store.status("new-0").state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.status("stuck").state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void retentionKeepsACancelTombstoneUntilItsJobArrivedHoweverOld() {
        Instant cutoff = T0.plus(10, ChronoUnit.DAYS);
        store.cancel("far-future", T0);
        store.cancel("skipped", T0);
        store.record(List.of(attempt("skipped", 1, Outcome.CANCELLED, T0.plusSeconds(1))));

        while (store.deleteExpiredChunk(cutoff, 10) > 0) {
            // until nothing older is left
        }

        assertThat(store.precheck("far-future")).isEqualTo(AuditStore.Precheck.CANCELLED);
        assertThat(store.precheck("skipped")).isEqualTo(AuditStore.Precheck.RUN);
        assertThat(store.attemptCount()).isZero();
    }

    @Test
    void aClosedStoreSaysItIsUnavailableAndWhatItCouldNotDo() {
        store.close();
        assertThatThrownBy(() -> store.record(List.of(attempt("late", 1, Outcome.SUCCEEDED, T0))))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("record 1 attempt(s); they stay unacknowledged");
    }

    private static JobAttempt attempt(String jobId, int attempt, Outcome outcome, Instant finished) {
        return new JobAttempt(jobId, attempt, "mail", null, finished.minusMillis(20), finished.minusMillis(10),
                finished, outcome, "host-a", outcome == Outcome.FAILED ? "IllegalStateException: boom" : null,
                Duration.ofMillis(10));
    }

    private static JobAttempt fired(String schedule, Instant fire) {
        return new JobAttempt(schedule + "@" + fire, 1, "beat", schedule, fire, fire, fire.plusMillis(3),
                Outcome.SUCCEEDED, "host-a", null, Duration.ZERO);
    }
}
