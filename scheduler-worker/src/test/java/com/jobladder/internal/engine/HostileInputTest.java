package com.jobladder.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.api.JobState;
import com.jobladder.internal.amqp.EnvelopeCodec;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.topology.TopologyNames;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile or careless publisher can send, published raw with the amqp-client into the
 * worker queue, the delivery exchange and the ladder, one message per class of bad input. Each
 * ends in the dead-job queue with a reason and a DEAD audit row, or runs, as docs/wire-format.md
 * says; then a good job still runs: nothing stalled, looped or killed a thread.
 */
@Tag("integration")
class HostileInputTest {
    private static final String TYPE = "victim";
    private static final String CASE = "x-hostile-case";
    private static final int MAX_PAYLOAD = 100;

    @TempDir
    Path dataDir;

    private enum Target {
        WORKER_QUEUE,
        DELIVERY_EXCHANGE,
        LADDER
    }

    /** One class of input: how it is sent, and the reason fragment it must die with (null: it runs). */
    private record Case(String name, Target target, AMQP.BasicProperties properties, byte[] body, String reason) {
        boolean runs() {
            return reason == null;
        }
    }

    @Test
    void everyClassOfBadMessageEndsDeadWithItsReasonOrRunsAndAGoodJobStillRunsAfterThem() throws Exception {
        SchedulerConfig config = TestBroker.config(
                TestBroker.uniqueNamespace("hostile"), dataDir, "jobladder.worker.max-payload-bytes = " + MAX_PAYLOAD);
        TopologyNames names = config.topologyNames();
        Set<String> ran = ConcurrentHashMap.newKeySet();
        List<Case> cases = cases();
        try (WorkerDaemon worker = TestWorkers.start(config, Map.of(TYPE, job -> ran.add(job.jobId())));
                Connection connection = TestBroker.connect();
                Channel channel = connection.createChannel()) {
            for (Case c : cases) {
                String exchange = switch (c.target()) {
                    case WORKER_QUEUE -> "";
                    case DELIVERY_EXCHANGE -> names.deliveryExchange();
                    case LADDER -> names.ladderExchange(0);
                };
                String key = switch (c.target()) {
                    case WORKER_QUEUE -> names.workerQueue(TYPE);
                    case DELIVERY_EXCHANGE -> ladderKey(config, 0);
                    case LADDER -> ladderKey(config, 1);
                };
                channel.basicPublish(exchange, key, c.properties(), c.body());
            }
            contentTypeTooLongForAmqpIsRefusedByTheClientBeforeItLeaves(names);

            List<Case> dying = cases.stream().filter(c -> !c.runs()).toList();
            List<Case> running = cases.stream().filter(Case::runs).toList();
            String dead = names.deadQueue();
            Map<String, String> reasons = new LinkedHashMap<>();
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> {
                        drainDeadReasons(channel, dead, reasons);
                        return reasons.size() >= dying.size();
                    },
                    () -> "dead-job queue holds " + reasons.keySet() + "; expected every one of "
                            + dying.stream().map(Case::name).toList());
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> ran.size() == running.size(),
                    () -> "ran " + ran + "; expected "
                            + running.stream()
                                    .map(c -> c.properties().getMessageId())
                                    .toList());

            for (Case c : dying) {
                assertThat(reasons.get(c.name()))
                        .as("the dead reason of case %s", c.name())
                        .isNotNull()
                        .contains(c.reason())
                        .doesNotContain("\u0000")
                        .hasSizeLessThan(1200);
            }
            List<String> withId = cases.stream()
                    .map(c -> c.properties().getMessageId())
                    .filter(id -> id != null && id.startsWith("hostile-"))
                    .toList();
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> withId.stream()
                            .noneMatch(
                                    id -> worker.store().status(id).attempts().isEmpty()),
                    () -> "cases without an audit row: "
                            + withId.stream()
                                    .filter(id ->
                                            worker.store().status(id).attempts().isEmpty())
                                    .toList());
            for (Case c : cases) {
                String id = c.properties().getMessageId();
                if (withId.contains(id)) {
                    assertThat(worker.store().status(id).state())
                            .as("case %s", c.name())
                            .isEqualTo(c.runs() ? JobState.SUCCEEDED : JobState.DEAD);
                }
            }
            long withoutUsableId = cases.size() - withId.size();
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> poisonRows(config) == withoutUsableId,
                    () -> poisonRows(config) + " DEAD rows under a poison-... id; expected one per case without a"
                            + " usable message-id: " + withoutUsableId);

            channel.basicPublish(
                    "", names.workerQueue(TYPE), props("good-after-all", TYPE, headers("good")), new byte[0]);
            Poll.until(
                    Duration.ofSeconds(30),
                    () -> ran.contains("good-after-all"),
                    () -> "the good job after the hostile ones did not run: something stalled");
            assertThat(channel.queueDeclarePassive(names.workerQueue(TYPE)).getMessageCount())
                    .isZero();
            assertThat(TestBroker.unacknowledged(names.workerQueue(TYPE))).isZero();
        }
    }

    /** AMQP short strings end at 255 bytes: the client library cannot even encode such a message. */
    private static void contentTypeTooLongForAmqpIsRefusedByTheClientBeforeItLeaves(TopologyNames names)
            throws Exception {
        try (Connection own = TestBroker.connect();
                Channel channel = own.createChannel()) {
            AMQP.BasicProperties properties = props("hostile-ct", TYPE, headers("content-type of 300 bytes"))
                    .builder()
                    .contentType("x".repeat(300))
                    .build();
            assertThatThrownBy(() -> channel.basicPublish("", names.workerQueue(TYPE), properties, new byte[0]))
                    .hasMessageContaining("255");
        } catch (java.io.IOException | java.util.concurrent.TimeoutException | RuntimeException closing) {
            // The channel may be broken by the half-sent frame; it is this connection's own.
        }
    }

    private static List<Case> cases() {
        long now = System.currentTimeMillis();
        long year300000 =
                LocalDateTime.of(300_000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        List<Case> cases = new ArrayList<>();
        // Ids
        cases.add(dead("no message-id", props(null, TYPE, headers("no message-id")), "message-id is missing"));
        cases.add(dead("empty message-id", props("", TYPE, headers("empty message-id")), "job id \"\" is invalid"));
        cases.add(dead(
                "message-id of 201 characters",
                props("i".repeat(201), TYPE, headers("message-id of 201 characters")),
                "is invalid: expected 1 to 200 characters"));
        cases.add(dead(
                "message-id with spaces",
                props("bad id", TYPE, headers("message-id with spaces")),
                "job id \"bad id\" is invalid"));
        cases.add(dead(
                "message-id with control characters",
                props("bad\u0001\nid", TYPE, headers("message-id with control characters")),
                "job id \"bad\\u0001\\nid\" is invalid"));
        cases.add(dead(
                "message-id with NUL",
                props("nul\u0000id", TYPE, headers("message-id with NUL")),
                "job id \"nul\\u0000id\" is invalid"));
        // Types
        cases.add(dead("no type", props("hostile-no-type", null, headers("no type")), "type is missing"));
        cases.add(dead(
                "type in upper case",
                props("hostile-upper-type", "Victim", headers("type in upper case")),
                "job type \"Victim\" is invalid"));
        cases.add(dead(
                "type of another queue",
                props("hostile-other-type", "other", headers("type of another queue")),
                "job type other arrived on the queue of type victim"));
        // job-due-at
        cases.add(dead(
                "due-at missing",
                props("hostile-due-missing", TYPE, without(headers("due-at missing"), EnvelopeCodec.DUE_AT)),
                "header job-due-at is missing"));
        cases.add(dead(
                "due-at text",
                props("hostile-due-text", TYPE, headers("due-at text", EnvelopeCodec.DUE_AT, "abc")),
                "job-due-at = \"abc\": expected an integer"));
        cases.add(dead(
                "due-at float",
                props("hostile-due-float", TYPE, headers("due-at float", EnvelopeCodec.DUE_AT, (double) now)),
                "expected an integer"));
        cases.add(dead(
                "due-at Long.MIN_VALUE",
                props("hostile-due-min", TYPE, headers("due-at Long.MIN_VALUE", EnvelopeCodec.DUE_AT, Long.MIN_VALUE)),
                "expected epoch milliseconds from 0"));
        cases.add(dead(
                "due-at Long.MAX_VALUE",
                props("hostile-due-max", TYPE, headers("due-at Long.MAX_VALUE", EnvelopeCodec.DUE_AT, Long.MAX_VALUE)),
                "expected epoch milliseconds from 0"));
        cases.add(dead(
                "due-at year 300000",
                props("hostile-due-300000", TYPE, headers("due-at year 300000", EnvelopeCodec.DUE_AT, year300000)),
                "job-due-at = " + year300000));
        cases.add(dead(
                "due-at a nested table",
                props(
                        "hostile-due-table",
                        TYPE,
                        headers("due-at a nested table", EnvelopeCodec.DUE_AT, Map.of("ms", now))),
                "got a table of 1 entries"));
        cases.add(dead(
                "due-at a byte array",
                props("hostile-due-bytes", TYPE, headers("due-at a byte array", EnvelopeCodec.DUE_AT, new byte[] {1, 2
                })),
                "got a byte array of 2 bytes"));
        // job-submitted-at
        cases.add(dead(
                "submitted-at out of range",
                props("hostile-submitted", TYPE, headers("submitted-at out of range", EnvelopeCodec.SUBMITTED_AT, -1L)),
                "header job-submitted-at = -1: expected epoch milliseconds"));
        // job-attempt and job-max-attempts
        cases.add(dead(
                "attempt 0",
                props("hostile-attempt-0", TYPE, headers("attempt 0", EnvelopeCodec.ATTEMPT, 0)),
                "job-attempt = 0: expected an integer from 1 to 1000000"));
        cases.add(dead(
                "attempt negative",
                props("hostile-attempt-neg", TYPE, headers("attempt negative", EnvelopeCodec.ATTEMPT, -7)),
                "job-attempt = -7"));
        cases.add(dead(
                "attempt beyond int",
                props("hostile-attempt-big", TYPE, headers("attempt beyond int", EnvelopeCodec.ATTEMPT, 1L << 40)),
                "job-attempt = " + (1L << 40)));
        cases.add(dead(
                "attempt as text",
                props("hostile-attempt-text", TYPE, headers("attempt as text", EnvelopeCodec.ATTEMPT, "second")),
                "job-attempt = \"second\""));
        cases.add(dead(
                "attempt as an array",
                props(
                        "hostile-attempt-array",
                        TYPE,
                        headers("attempt as an array", EnvelopeCodec.ATTEMPT, List.of(1, 2))),
                "got an array of 2 values"));
        cases.add(dead(
                "max-attempts 0",
                props("hostile-max-0", TYPE, headers("max-attempts 0", EnvelopeCodec.MAX_ATTEMPTS, 0)),
                "job-max-attempts = 0"));
        cases.add(dead(
                "max-attempts huge",
                props(
                        "hostile-max-huge",
                        TYPE,
                        headers("max-attempts huge", EnvelopeCodec.MAX_ATTEMPTS, 10_000_000_000L)),
                "job-max-attempts = 10000000000"));
        // job-schedule
        cases.add(dead(
                "schedule of 300 characters",
                props(
                        "hostile-schedule-long",
                        TYPE,
                        headers("schedule of 300 characters", EnvelopeCodec.SCHEDULE, "s".repeat(300))),
                "1 to 200 characters without control characters"));
        cases.add(dead(
                "schedule with NUL",
                props(
                        "hostile-schedule-nul",
                        TYPE,
                        headers("schedule with NUL", EnvelopeCodec.SCHEDULE, "night\u0000ly")),
                "job-schedule = \"night\\u0000ly\""));
        cases.add(dead(
                "schedule a table",
                props("hostile-schedule-table", TYPE, headers("schedule a table", EnvelopeCodec.SCHEDULE, Map.of())),
                "expected a string, got a table"));
        // Body
        cases.add(dead(
                "payload over max-payload-bytes",
                props("hostile-big", TYPE, headers("payload over max-payload-bytes")),
                new byte[MAX_PAYLOAD + 1],
                "payload of " + (MAX_PAYLOAD + 1) + " bytes exceeds"));
        // Through the delivery exchange and the ladder, as a producer in another language would
        cases.add(new Case(
                "due-at text via the delivery exchange",
                Target.DELIVERY_EXCHANGE,
                props(
                        "hostile-via-delivery",
                        TYPE,
                        headers("due-at text via the delivery exchange", EnvelopeCodec.DUE_AT, "tomorrow")),
                new byte[0],
                "job-due-at = \"tomorrow\""));
        cases.add(new Case(
                "due-at out of range via the ladder",
                Target.LADDER,
                props(
                        "hostile-via-ladder",
                        TYPE,
                        headers("due-at out of range via the ladder", EnvelopeCodec.DUE_AT, -5L)),
                new byte[0],
                "job-due-at = -5: expected epoch"));
        // Odd but valid: these run
        cases.add(runs(
                "attempt as decimal text",
                props(
                        "hostile-runs-attempt-text",
                        TYPE,
                        headers("attempt as decimal text", EnvelopeCodec.ATTEMPT, "1"))));
        cases.add(runs(
                "due-at as decimal text",
                props(
                        "hostile-runs-due-text",
                        TYPE,
                        headers("due-at as decimal text", EnvelopeCodec.DUE_AT, Long.toString(now)))));
        cases.add(runs(
                "unknown extra headers",
                props(
                        "hostile-runs-extra",
                        TYPE,
                        headers("unknown extra headers", "x-anything", Map.of("nested", List.of(1))))));
        cases.add(runs(
                "timestamp property absurd",
                props("hostile-runs-timestamp", TYPE, headers("timestamp property absurd"))
                        .builder()
                        .timestamp(new Date(Long.MAX_VALUE / 2))
                        .build()));
        cases.add(runs(
                "transient delivery mode",
                props("hostile-runs-transient", TYPE, headers("transient delivery mode"))
                        .builder()
                        .deliveryMode(1)
                        .build()));
        cases.add(new Case(
                "good job via the ladder",
                Target.LADDER,
                props("hostile-runs-ladder", TYPE, headers("good job via the ladder")),
                new byte[0],
                null));
        return cases;
    }

    private static Case dead(String name, AMQP.BasicProperties properties, String reason) {
        return dead(name, properties, new byte[0], reason);
    }

    private static Case dead(String name, AMQP.BasicProperties properties, byte[] body, String reason) {
        return new Case(name, Target.WORKER_QUEUE, properties, body, reason);
    }

    private static Case runs(String name, AMQP.BasicProperties properties) {
        return new Case(name, Target.WORKER_QUEUE, properties, new byte[0], null);
    }

    /** A valid due-at (now), the case's name, then the given header overrides. */
    private static Map<String, Object> headers(String caseName, Object... keysAndValues) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(EnvelopeCodec.DUE_AT, System.currentTimeMillis());
        headers.put(CASE, caseName);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return headers;
    }

    private static Map<String, Object> without(Map<String, Object> headers, String name) {
        headers.remove(name);
        return headers;
    }

    private static AMQP.BasicProperties props(String id, String type, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .type(type)
                .headers(headers)
                .deliveryMode(2)
                .build();
    }

    /** The all-zero key (due: delivery exchange), or one unit on the lowest rung. */
    private static String ladderKey(SchedulerConfig config, int lowestDigit) {
        int levels = config.ladder().levels();
        return "0.".repeat(levels - 1) + lowestDigit + "." + TYPE;
    }

    /** DEAD rows the worker recorded under an id of its own, for messages whose id was unusable. */
    private static long poisonRows(SchedulerConfig config) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        config.audit().jdbcUrl(),
                        "JOBLADDER",
                        java.nio.file.Files.readString(config.dataDir().resolve("audit.secret"))
                                .strip());
                java.sql.ResultSet row = db.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM job_attempt"
                                + " WHERE outcome = 'DEAD' AND job_id LIKE 'poison-%'")) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException | java.io.IOException e) {
            throw new AssertionError("cannot read the worker's audit database: " + e.getMessage(), e);
        }
    }

    private static void drainDeadReasons(Channel channel, String deadQueue, Map<String, String> reasons) {
        try {
            GetResponse response;
            while ((response = channel.basicGet(deadQueue, true)) != null) {
                Map<String, Object> headers = response.getProps().getHeaders();
                Object reason = headers.get(EnvelopeCodec.DEAD_REASON);
                reasons.put(
                        String.valueOf(headers.get(CASE)),
                        reason == null
                                ? null
                                : new String(
                                        reason.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
