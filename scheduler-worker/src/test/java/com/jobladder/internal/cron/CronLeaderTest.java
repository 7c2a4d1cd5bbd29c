package com.jobladder.internal.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.topology.Topology;
import com.jobladder.testsupport.SettableClock;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Leader election on the real broker at 127.0.0.1:5672; every run uses its own queue and deletes it. */
@Tag("integration")
class CronLeaderTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final String queue = "jobladder-test-" + UUID.randomUUID() + ".cron-leader";
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<CronLeader> leaders = new CopyOnWriteArrayList<>();
    private ConnectionFactory factory;

    @BeforeEach
    void connect() {
        factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
    }

    @AfterEach
    void deleteWhatWasDeclared() throws Exception {
        leaders.forEach(CronLeader::close);
        try (Connection connection = factory.newConnection("cron-leader-test-cleanup");
                Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                connection.close();
            }
        }
    }

    private CronLeader daemon(String id, List<String> events) throws Exception {
        return daemon(id, gained -> events.add(id + (gained ? "+" : "-")));
    }

    private CronLeader daemon(String id, CronLeader.LeadershipListener listener) throws Exception {
        Connection connection = factory.newConnection("cron-leader-test-" + id);
        connections.add(connection);
        CronLeader leader = new CronLeader(
                connection,
                new Topology.Queue(queue, Map.of("x-single-active-consumer", true, "x-queue-type", "classic")),
                id,
                listener);
        leaders.add(leader);
        leader.start();
        return leader;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void the_first_daemon_leads_and_a_second_one_follows_until_the_leader_dies() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CronLeader a = daemon("a", events);
        await("a leads", a::isLeader);

        CronLeader b = daemon("b", events);
        // b's token reaches the active consumer, a, which deletes it: the election has settled.
        await("a deleted b's surplus token", () -> a.surplusTokensAcked() == 1);
        assertThat(b.isLeader()).isFalse();
        assertThat(a.isLeader()).isTrue();

        connections.get(0).abort(); // a dies without stepping down
        await("b leads", b::isLeader);
        // a hears of its own death on its consumer thread, possibly after the broker moved on.
        await("a knows it no longer leads", () -> !a.isLeader());
        // isLeader turns true just before the listener hears of it: wait for the event itself.
        await("three changes told", () -> events.size() == 3);
        assertThat(events).startsWith("a+").containsExactlyInAnyOrder("a+", "a-", "b+");
    }

    @Test
    void a_leader_that_steps_down_hands_over_and_a_restarted_daemon_follows() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CronLeader a = daemon("a", events);
        await("a leads", a::isLeader);
        CronLeader b = daemon("b", events);
        await("a deleted b's surplus token", () -> a.surplusTokensAcked() == 1);

        a.close();
        assertThat(a.isLeader()).isFalse();
        await("b leads", b::isLeader);

        CronLeader again = daemon("a2", events);
        await("b deleted a2's surplus token", () -> b.surplusTokensAcked() == 1);
        assertThat(again.isLeader()).isFalse();
        await("three changes told", () -> events.size() >= 3);
        assertThat(events).containsExactly("a+", "a-", "b+");

        try (Channel channel = connections.get(1).createChannel()) {
            assertThat(channel.queueDeclarePassive(queue).getMessageCount())
                    .as("the single token is held, unacked, by the leader")
                    .isZero();
        }
    }

    @Test
    void when_the_leader_dies_the_follower_continues_the_schedule_without_gap_or_duplicate() throws Exception {
        SettableClock clock = new SettableClock(java.time.Instant.parse("2026-11-23T10:00:30Z"));
        CronServiceTest.MemoryCursors store = new CronServiceTest.MemoryCursors();
        CronServiceTest.RecordingPublisher publisher = new CronServiceTest.RecordingPublisher();
        List<CronSchedule> schedules =
                List.of(CronSchedule.of("m", "* * * * *", CronSyntax.UNIX, java.time.ZoneId.of("UTC"), "report"));
        CronService serviceA = new CronService(() -> schedules, store, publisher, clock, Duration.ofSeconds(45));
        CronService serviceB = new CronService(() -> schedules, store, publisher, clock, Duration.ofSeconds(45));
        CronLeader leaderA = daemon("a", serviceA::leadershipChanged);
        await("a leads", leaderA::isLeader);
        CronLeader leaderB = daemon("b", serviceB::leadershipChanged);
        await("a deleted b's surplus token", () -> leaderA.surplusTokensAcked() == 1);

        for (int minute = 0; minute < 2; minute++) {
            serviceA.tick();
            serviceB.tick();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(publisher.ids()).containsExactly("m@2026-11-23T10:01:00Z", "m@2026-11-23T10:02:00Z");

        connections.get(0).abort();
        await("b leads", serviceB::leading);
        for (int minute = 0; minute < 2; minute++) {
            serviceA.tick();
            serviceB.tick();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(publisher.ids())
                .containsExactly(
                        "m@2026-11-23T10:01:00Z",
                        "m@2026-11-23T10:02:00Z",
                        "m@2026-11-23T10:03:00Z",
                        "m@2026-11-23T10:04:00Z");
    }
}
