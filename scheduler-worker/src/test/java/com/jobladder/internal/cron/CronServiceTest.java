package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.handler.MisfirePolicy;
import com.jobladder.handler.OverlapPolicy;
import com.jobladder.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CronServiceTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:30Z");
    private final SettableClock clock = new SettableClock(START);
    private final AtomicReference<List<CronSchedule>> schedules = new AtomicReference<>(List.of(everyMinute("m")));
    private final MemoryCursors store = new MemoryCursors();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final CronService service =
            leading(new CronService(schedules::get, store, publisher, clock, Duration.ofMinutes(1)));

    private static CronService leading(CronService service) {
        service.leadershipChanged(true);
        return service;
    }

    private static CronSchedule everyMinute(String name) {
        return new CronSchedule(
                name,
                "* * * * *",
                CronSyntax.UNIX,
                ZoneId.of("UTC"),
                "report",
                "{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json",
                MisfirePolicy.FIRE_ONCE_NOW,
                10,
                Duration.ofMinutes(1),
                OverlapPolicy.ALLOW,
                true,
                null);
    }

    static final class MemoryCursors implements CursorStore {
        final Map<String, Instant> cursors = new ConcurrentHashMap<>();
        volatile boolean failing;

        @Override
        public Optional<Instant> cursor(String scheduleName) {
            return Optional.ofNullable(cursors.get(scheduleName));
        }

        @Override
        public void save(String scheduleName, Instant cursor) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            cursors.put(scheduleName, cursor);
        }
    }

    record Published(
            String jobId, String scheduleName, String type, String payload, String contentType, Instant dueAt) {}

    static final class RecordingPublisher implements FirePublisher {
        final List<Published> published = new CopyOnWriteArrayList<>();
        volatile String failOn;

        @Override
        public void publish(Fire fire) {
            if (fire.jobId().equals(failOn)) {
                throw new IllegalStateException("broker nacked " + fire.jobId());
            }
            CronSchedule schedule = fire.schedule();
            published.add(new Published(
                    fire.jobId(),
                    schedule.name(),
                    schedule.jobType(),
                    new String(schedule.payload(), java.nio.charset.StandardCharsets.UTF_8),
                    schedule.contentType(),
                    fire.dueAt()));
        }

        List<String> ids() {
            return published.stream().map(Published::jobId).toList();
        }
    }

    @Test
    void a_follower_publishes_nothing() {
        service.leadershipChanged(false);
        assertThat(service.tick()).isEqualTo(CronService.TickResult.IDLE);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void the_leader_publishes_each_fire_within_the_horizon_once_and_saves_the_cursor_after_it() {
        service.tick();
        assertThat(publisher.published)
                .containsExactly(new Published(
                        "m@2026-11-23T10:01:00Z",
                        "m",
                        "report",
                        "{\"n\":1}",
                        "application/json",
                        Instant.parse("2026-11-23T10:01:00Z")));
        assertThat(store.cursors).containsEntry("m", Instant.parse("2026-11-23T10:01:00Z"));

        service.tick();
        assertThat(publisher.published).as("nothing new one tick later").hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        service.tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z", "m@2026-11-23T10:02:00Z");
    }

    @Test
    void a_failed_publish_keeps_the_cursor_before_it_and_the_next_tick_publishes_it_again() {
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
        publisher.failOn = "m@2026-11-23T10:01:00Z";
        schedules.set(List.of(everyMinute("m")));
        CronService wide = leading(new CronService(schedules::get, store, publisher, clock, Duration.ofMinutes(2)));
        store.cursors.put("m", Instant.parse("2026-11-23T10:00:00Z"));

        assertThat(wide.tick().failed()).isEqualTo(1);
        assertThat(publisher.ids()).isEmpty();
        assertThat(store.cursors).containsEntry("m", Instant.parse("2026-11-23T10:00:00Z"));

        publisher.failOn = null;
        wide.tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z", "m@2026-11-23T10:02:00Z");
    }

    @Test
    void after_downtime_the_misfire_policy_decides_and_the_missed_fire_is_due_now() {
        store.cursors.put("m", Instant.parse("2026-11-23T09:00:00Z"));
        service.tick();
        assertThat(publisher.published.get(0).jobId()).isEqualTo("m@2026-11-23T09:59:00Z");
        assertThat(publisher.published.get(0).dueAt()).isEqualTo(START);
        assertThat(publisher.ids())
                .containsExactly("m@2026-11-23T09:59:00Z", "m@2026-11-23T10:00:00Z", "m@2026-11-23T10:01:00Z");
    }

    @Test
    void a_new_leader_reads_the_cursors_the_previous_one_saved() {
        service.tick();
        service.leadershipChanged(false);
        store.cursors.put("m", Instant.parse("2026-11-23T10:05:00Z")); // another daemon led meanwhile
        clock.advance(Duration.ofMinutes(5));
        service.leadershipChanged(true);
        service.tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z", "m@2026-11-23T10:06:00Z");
    }

    @Test
    void added_disabled_and_removed_schedules_take_effect_at_the_next_tick() {
        service.tick();
        schedules.set(List.of(everyMinute("m").withEnabled(false), everyMinute("n")));
        clock.advance(Duration.ofMinutes(1));
        service.tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z", "n@2026-11-23T10:02:00Z");

        clock.advance(Duration.ofMinutes(1)); // 10:02:30, m still disabled at its 10:02 occurrence
        service.tick();
        schedules.set(List.of(everyMinute("m")));
        clock.advance(Duration.ofSeconds(1));
        service.tick();
        assertThat(publisher.ids())
                .as("n removed; m, enabled again, has no misfire for its disabled time")
                .containsExactly(
                        "m@2026-11-23T10:01:00Z",
                        "n@2026-11-23T10:02:00Z",
                        "n@2026-11-23T10:03:00Z",
                        "m@2026-11-23T10:03:00Z");
    }

    @Test
    void a_failing_tick_is_logged_and_the_next_one_runs() {
        AtomicBoolean broken = new AtomicBoolean(true);
        CronService fragile = leading(new CronService(
                () -> {
                    if (broken.get()) {
                        throw new IllegalStateException("schedules unavailable");
                    }
                    return schedules.get();
                },
                store,
                publisher,
                clock,
                Duration.ofMinutes(1)));
        fragile.tickAndLogErrors();
        broken.set(false);
        fragile.tickAndLogErrors();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z");
    }

    @Test
    void a_cursor_that_cannot_be_saved_stays_in_memory_so_nothing_is_published_twice() {
        store.failing = true;
        service.tick();
        service.tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z");
        store.failing = false;
        service.tick();
        assertThat(store.cursors).containsEntry("m", Instant.parse("2026-11-23T10:01:00Z"));
    }

    @Test
    void losing_leadership_during_a_tick_stops_publishing_before_the_next_fire() {
        CronService[] self = new CronService[1];
        FirePublisher losesAfterOne = fire -> {
            publisher.publish(fire);
            self[0].leadershipChanged(false);
        };
        self[0] = leading(new CronService(schedules::get, store, losesAfterOne, clock, Duration.ofMinutes(5)));
        self[0].tick();
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z");
        assertThat(store.cursors).containsEntry("m", Instant.parse("2026-11-23T10:01:00Z"));
    }
}
