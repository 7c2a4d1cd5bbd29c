package com.jobladder.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.BatchResult;
import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import com.jobladder.testsupport.PrivateCluster;
import com.jobladder.testsupport.TestBroker;
import com.jobladder.testsupport.TestPostgres;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * JobLadder on RabbitMQ's own cluster: three nodes, quorum queues replicated on each, one
 * PostgreSQL audit store and two worker JVMs given every node's address. Each test puts 20,000
 * jobs in flight (delays 1-30 s), breaks the cluster the way a host is lost, and checks that every
 * job ran exactly once; it prints how long starts paused and how late jobs ran meanwhile. The
 * sample cron schedule fires every second throughout, and no second is skipped or run twice. The
 * workers also relay delayed messages: the node kill has 2,000 of them in flight, and every one
 * reaches its target queue.
 *
 * <p>After a node is lost, RabbitMQ 3.10 (and, in a run on 4.0.5, 4.0) sometimes strands ladder queues: their expired jobs wait,
 * counted in {@code messages} but neither ready nor unacknowledged, until the lost node returns or
 * the queue's leader moves (docs/operations.md, "Stranded ladder queues"). The workers run with the
 * ladder watch on the nodes' management APIs; when one reports a stranded queue, the test does what
 * that section tells an operator to do, moves the queue's leader, and prints which queues it moved.
 * A stranded queue the watch does not report leaves its jobs late beyond the wait, and the test fails.
 *
 * <p>Tagged {@code cluster}, one of the suite's failsafe groups; {@code -Dit.groups=cluster} runs it
 * alone: {@code mvn -B verify -pl scheduler-worker -am -Dit.groups=cluster -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {
    private static final int JOBS = 20_000;
    private static final int RELAYED = 2_000;
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    /** When the failure comes: the jobs are all in the ladder, the first ones already running. */
    private static final Duration FAILURE_AFTER = Duration.ofSeconds(8);
    /** The workers' ladder watch: a rung whose expired jobs wait this long without going down is stranded. */
    private static final Duration STRANDED_AFTER = Duration.ofSeconds(20);

    private static final Pattern STRANDED = Pattern.compile("Ladder queue (\\S+) is stranded");

    private final Path dir;
    private PrivateCluster cluster;
    private AuditDatabase audit;
    private String namespace;
    private String delayedExchange;
    private String relayedQueue;
    private SchedulerConfig clientConfig;
    private final List<WorkerProcess> workers = new ArrayList<>();
    /** The stranded queues this test moved, and when: those a worker reported, for its jobs and its relayed messages alike. */
    private final Map<String, Instant> moved = new LinkedHashMap<>();

    ClusterFailoverTest() throws IOException {
        dir = Files.createTempDirectory("jobladder-cluster");
    }

    @BeforeAll
    void startTheClusterAndTwoWorkers() throws Exception {
        cluster = PrivateCluster.startWithManagement(3);
        String database = TestPostgres.createDatabase("cluster");
        audit = new AuditDatabase(database, TestPostgres.USER, TestPostgres.PASSWORD);
        namespace = TestBroker.uniqueNamespace("cluster");
        delayedExchange = namespace + ".delayed";
        String relayTarget = namespace + ".relayed";
        relayedQueue = namespace + ".relayed-q";
        try (com.rabbitmq.client.Connection connection = connect(cluster.node(0))) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(relayTarget, BuiltinExchangeType.DIRECT, true);
            channel.queueDeclare(relayedQueue, true, false, false, Map.of("x-queue-type", "quorum"));
            channel.queueBind(relayedQueue, relayTarget, "relayed");
        }
        Path schedules = Files.writeString(dir.resolve("schedules.conf"), """
                schedules {
                  beat { cron = "* * * * * ?", syntax = quartz, time-zone = "UTC", job-type = "%s" }
                }
                """.formatted(CrashTestHandlers.CRON_TYPE));
        String addresses = cluster.nodes().stream()
                .map(node -> "\"" + node.address() + "\"")
                .collect(Collectors.joining(", "));
        String managementUris = cluster.nodes().stream()
                .map(node -> "\"" + node.managementUri() + "\"")
                .collect(Collectors.joining(", "));
        for (int w = 1; w <= 2; w++) {
            Path conf = Files.writeString(dir.resolve("worker-" + w + ".conf"), """
                    jobladder {
                      data-dir = "%s"
                      broker { uri = "%s", addresses = [%s], namespace = "%s", confirm-timeout = 30s }
                      ladder { radix = 8, levels = 6, queue-type = quorum, window = 512ms, lead = 250ms }
                      audit { jdbc-url = "%s", username = "%s", password = "%s" }
                      worker {
                        id = "worker-%d", prefetch = 200, handler-modules = ["%s"]
                        ladder-watch { management-uris = [%s], stranded-after = %ds }
                      }
                      job-types.crashy { concurrency = 16 }
                      cron { schedules-file = "%s", horizon = 3s }
                      relay { enabled = true, exchanges = [{ name = "%s", target = "%s" }] }
                    }
                    """.formatted(
                            dir.resolve("data-" + w),
                            cluster.node(0).uri(),
                            addresses,
                            namespace,
                            database,
                            TestPostgres.USER,
                            TestPostgres.PASSWORD,
                            w,
                            CrashTestHandlers.class.getName(),
                            managementUris,
                            STRANDED_AFTER.toSeconds(),
                            schedules,
                            delayedExchange,
                            relayTarget));
            clientConfig = ConfigLoader.load(conf, Map.of());
            workers.add(WorkerProcess.start(conf, dir.resolve("worker-" + w + ".log")));
        }
        for (WorkerProcess worker : workers) {
            Poll.until(
                    Duration.ofSeconds(120),
                    () -> worker.logContains("started, consuming types"),
                    () -> "a worker started; its log ends:\n" + worker.logTail());
        }
    }

    /** A test that failed before it restarted the node it broke leaves the next one a whole cluster all the same. */
    @BeforeEach
    void everyNodeRuns() throws IOException {
        for (PrivateBroker node : cluster.nodes()) {
            if (!node.isRunning()) {
                node.startNode();
            }
        }
        cluster.awaitRunning(3);
    }

    /** Each test reports the stranded queues it moved itself. */
    @BeforeEach
    void forgetMovedQueues() {
        moved.clear();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            for (WorkerProcess worker : workers) {
                worker.close();
            }
        } finally {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void killingTheNodeThatLeadsMostLadderQueuesLosesNoJobAndRunsNoneTwice() throws Exception {
        Instant submitted = submit("kill");
        publishDelayed();
        PrivateBroker victim = cluster.leaderOfMost(namespace + ".ladder");
        sleepUntil(submitted.plus(FAILURE_AFTER));
        Instant failure = Instant.now();
        victim.kill();

        Figures figures = awaitEveryJob("kill", failure);
        System.out.printf("cluster: kill -9 of %s, the leader of most ladder queues: %s%n", victim.nodeName(), figures);
        assertEveryFireRanOnce(submitted, Instant.now().minusSeconds(5));
        awaitEveryRelayedMessage(failure);
    }

    @Test
    @Order(2)
    void aRollingRestartOfEveryNodeLosesNoJobAndRunsNoneTwice() throws Exception {
        Instant submitted = submit("roll");
        sleepUntil(submitted.plus(FAILURE_AFTER));
        Instant failure = Instant.now();
        for (PrivateBroker node : cluster.nodes()) {
            node.stopNode();
            node.startNode();
            cluster.awaitRunning(3);
        }
        Duration restart = Duration.between(failure, Instant.now());

        Figures figures = awaitEveryJob("roll", failure);
        System.out.printf(
                "cluster: rolling restart of all three nodes, one by one (%.0f s): %s%n",
                restart.toMillis() / 1000.0, figures);
        assertEveryFireRanOnce(submitted, Instant.now().minusSeconds(5));
    }

    @Test
    @Order(3)
    void killingTheCronLeadersNodeSkipsNoFireAndRunsNoneTwice() throws Exception {
        Instant submitted = submit("leader");
        sleepUntil(submitted.plus(FAILURE_AFTER));
        PrivateBroker victim = nodeOfCronLeader();
        Instant failure = Instant.now();
        victim.kill();

        Figures figures = awaitEveryJob("leader", failure);
        System.out.printf("cluster: kill -9 of %s, the cron leader's node: %s%n", victim.nodeName(), figures);
        assertEveryFireRanOnce(submitted, Instant.now().minusSeconds(5));
    }

    /** 20,000 jobs with ids {@code phase-i}, due uniformly over 1-30 s; returns when the last was confirmed. */
    private Instant submit(String phase) throws Exception {
        Instant start = Instant.now();
        try (JobScheduler scheduler =
                JobSchedulerBuilder.fromSettings(clientConfig).build()) {
            List<JobRequest> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                long delay = ThreadLocalRandom.current().nextLong(1_000, MAX_DELAY.toMillis() + 1);
                jobs.add(JobRequest.ofType(CrashTestHandlers.TYPE)
                        .id(phase + "-" + i)
                        .after(Duration.ofMillis(delay)));
            }
            // Scheduling a job again with its id is safe: what an application does after a timeout.
            for (int round = 1; round <= 3 && !jobs.isEmpty(); round++) {
                jobs = scheduler.scheduleAll(jobs).failed().stream()
                        .map(BatchResult.Failure::request)
                        .toList();
            }
            assertThat(jobs).as("jobs still not confirmed after three rounds").isEmpty();
        }
        System.out.printf(
                "cluster: %,d jobs of phase %s submitted in %.1f s%n",
                JOBS, phase, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        return start;
    }

    /** {@value #RELAYED} messages with ids {@code m-i} to the delayed exchange, due over 1-30 s, confirmed. */
    private void publishDelayed() throws Exception {
        try (com.rabbitmq.client.Connection connection = connect(cluster.node(1))) {
            DelayedMessages.publishConfirmed(
                    connection,
                    delayedExchange,
                    "relayed",
                    RELAYED,
                    i -> ThreadLocalRandom.current().nextLong(1_000, MAX_DELAY.toMillis() + 1));
        }
    }

    /**
     * Takes the relayed messages from their target queue, through a running node, until each of the
     * {@value #RELAYED} arrived; prints how many came twice (relayed again after the node's loss).
     * Relayed messages ride the ladder as jobs do, and a rung the watch reports stranded after the
     * jobs are done is moved here as it is while they run.
     */
    private void awaitEveryRelayedMessage(Instant failure) {
        Map<String, Integer> received = new HashMap<>();
        Poll.until(
                Duration.ofSeconds(150),
                () -> {
                    moveLeadersOfStrandedQueues(failure);
                    PrivateBroker running = cluster.nodes().stream()
                            .filter(PrivateBroker::isRunning)
                            .findFirst()
                            .orElseThrow();
                    try (com.rabbitmq.client.Connection connection = connect(running)) {
                        Channel channel = connection.createChannel();
                        GetResponse message;
                        while ((message = channel.basicGet(relayedQueue, true)) != null) {
                            received.merge(new String(message.getBody(), StandardCharsets.UTF_8), 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("reading " + relayedQueue + ": " + e.getMessage(), e);
                    }
                    return received.size() == RELAYED;
                },
                () -> received.size() + " of " + RELAYED + " relayed messages arrived; stranded queues moved: "
                        + moved.keySet() + "; queues:\n" + cluster.describeQueues());
        System.out.printf(
                "cluster: relay through the node kill: %d of %d delayed messages arrived, %d of them twice or more%n",
                received.size(),
                RELAYED,
                received.values().stream().filter(n -> n > 1).count());
    }

    private static com.rabbitmq.client.Connection connect(PrivateBroker node) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(node.uri());
        return factory.newConnection("cluster-test");
    }

    /**
     * Waits until every job of {@code phase} succeeded, checks none ran twice, and measures the pause.
     * Meanwhile it does what docs/operations.md tells an operator to do when a worker reports a
     * stranded ladder queue: it moves that queue's leader to another running member.
     */
    private Figures awaitEveryJob(String phase, Instant failure) throws SQLException {
        String succeeded = "SELECT COUNT(*) FROM job_success WHERE job_id LIKE '" + phase + "-%'";
        Poll.until(
                Duration.ofSeconds(150),
                () -> {
                    moveLeadersOfStrandedQueues(failure);
                    return audit.count(succeeded) == JOBS;
                },
                () -> audit.count(succeeded) + " of " + JOBS + " jobs of phase " + phase + " succeeded; "
                        + audit.count(
                                "SELECT COUNT(DISTINCT job_id) FROM job_attempt WHERE job_id LIKE '" + phase + "-%'")
                        + " attempted, "
                        + audit.count("SELECT COUNT(*) FROM job_running WHERE job_id LIKE '" + phase + "-%'")
                        + " marked running; queues:\n"
                        + cluster.describeQueues() + "\nworker-1's log ends:\n"
                        + workers.get(0).logTail()
                        + "\nworker-2's log ends:\n" + workers.get(1).logTail());
        assertThat(audit.count("SELECT COUNT(*) FROM (SELECT job_id FROM job_attempt WHERE outcome = 'SUCCEEDED'"
                        + " AND job_id LIKE '" + phase + "-%' GROUP BY job_id HAVING COUNT(*) > 1) twice"))
                .as("jobs of phase " + phase + " that succeeded more than once")
                .isZero();
        return figures(phase, failure, Set.copyOf(moved.keySet()));
    }

    /**
     * The remedy of docs/operations.md "Stranded ladder queues", applied to each queue a worker has
     * reported stranded since {@code failure} (each worker reports it, once per episode; a queue moved
     * in the last 30 s is left alone).
     */
    private void moveLeadersOfStrandedQueues(Instant failure) {
        try {
            for (WorkerProcess worker : workers) {
                for (String line : worker.logLinesWith("is stranded")) {
                    Matcher matcher = STRANDED.matcher(line);
                    Instant logged = logTime(line);
                    if (matcher.find() && logged.isAfter(failure)) {
                        String queue = matcher.group(1);
                        Instant last = moved.get(queue);
                        if (last == null || logged.isAfter(last.plusSeconds(30))) {
                            moved.put(queue, Instant.now());
                            if (!moveLeader(queue)) {
                                moved.remove(queue);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker's log lines start with their UTC time of day, HH:mm:ss.SSS. */
    private static Instant logTime(String line) {
        LocalTime time = LocalTime.parse(line.substring(0, 12));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant at = time.atDate(today).toInstant(ZoneOffset.UTC);
        return at.isAfter(Instant.now().plusSeconds(60)) ? at.minus(Duration.ofDays(1)) : at;
    }

    /**
     * Moves {@code queue}'s leader to another running member, the way docs/operations.md shows; false
     * when RabbitMQ did not (a transfer timed out on the busy machine): the next poll tries again.
     */
    private boolean moveLeader(String queue) throws IOException {
        PrivateBroker asked = cluster.nodes().stream()
                .filter(PrivateBroker::isRunning)
                .findFirst()
                .orElseThrow();
        String listing = asked.rabbitmqctl("list_queues", "name", "leader", "--no-table-headers", "-q");
        String leader = listing.lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                .map(columns -> columns[1])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + queue + " in\n" + listing));
        PrivateBroker target = cluster.nodes().stream()
                .filter(node -> !node.nodeName().equals(leader) && node.isRunning())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no running node but " + leader + " to move " + queue + " to"));
        String result = asked.rabbitmqctl("eval", TRANSFER_LEADERSHIP.formatted(queue, target.nodeName()));
        System.out.printf(
                "cluster: moved the leader of stranded %s from %s to %s: %s%n",
                queue, leader, target.nodeName(), result.trim());
        return result.contains("{migrated,") || result.contains("already_leader");
    }

    /** The longest gap between consecutive starts after the failure, and the lateness then. */
    private Figures figures(String phase, Instant failure, Set<String> movedQueues) throws SQLException {
        List<Instant> starts = new ArrayList<>();
        long maxLateness;
        try (Connection connection = DriverManager.getConnection(audit.jdbcUrl(), audit.user(), audit.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT started_at FROM job_attempt WHERE job_id LIKE '"
                    + phase + "-%' AND outcome = 'SUCCEEDED' ORDER BY started_at")) {
                while (rows.next()) {
                    starts.add(rows.getTimestamp(1).toInstant());
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT MAX(lateness_ms) FROM job_attempt WHERE job_id LIKE '"
                    + phase + "-%' AND outcome = 'SUCCEEDED' AND due_at >= " + timestamp(failure))) {
                row.next();
                maxLateness = row.getLong(1);
            }
        }
        Instant previous = failure;
        Duration pause = Duration.ZERO;
        for (Instant start : starts) {
            if (start.isAfter(failure)) {
                Duration gap = Duration.between(previous, start);
                pause = gap.compareTo(pause) > 0 ? gap : pause;
                previous = start;
            }
        }
        return new Figures(pause, maxLateness, List.copyOf(movedQueues));
    }

    private static String timestamp(Instant instant) {
        return "TIMESTAMP WITH TIME ZONE '" + instant + "'";
    }

    /**
     * Every second's fire of {@code beat} in [from, to) succeeded exactly once. A fire runs at its due
     * time like any job, so the last ones may run late: a fire in a rung the node's loss stranded waits
     * for the ladder watch (stranded-after) and the move, 62 s in a run on 2026-12-02. It waits up to two minutes
     * for each fire to have run, then counts.
     */
    private void assertEveryFireRanOnce(Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Poll.until(
                Duration.ofSeconds(120),
                () -> fireCounts(first, to).values().stream().allMatch(count -> count > 0),
                () -> "every cron fire from " + first + " to " + to + " to have run; not yet: "
                        + fireCounts(first, to).entrySet().stream()
                                .filter(e -> e.getValue() == 0)
                                .map(Map.Entry::getKey)
                                .toList());
        Map<String, Long> counts = fireCounts(first, to);
        List<String> notOnce = counts.entrySet().stream()
                .filter(e -> e.getValue() != 1)
                .map(e -> e.getKey() + " x" + e.getValue())
                .toList();
        assertThat(notOnce)
                .as("cron fires from " + first + " to " + to + " (" + counts.size() + ") not run exactly" + " once")
                .isEmpty();
    }

    /** Successes of each fire of {@code beat} in [first, to), by job id, 0 for a fire not run. */
    private Map<String, Long> fireCounts(Instant first, Instant to) {
        Map<String, Long> successes = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(audit.jdbcUrl(), audit.user(), audit.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT job_id, COUNT(*) FROM job_attempt WHERE outcome ="
                        + " 'SUCCEEDED' AND job_id LIKE 'beat@%' GROUP BY job_id")) {
            while (rows.next()) {
                successes.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the cron fires from the audit store: " + e.getMessage(), e);
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Instant fire = first; fire.isBefore(to); fire = fire.plusSeconds(1)) {
            String id = "beat@" + fire;
            counts.put(id, successes.getOrDefault(id, 0L));
        }
        return counts;
    }

    /** The node the cron leader's connection is on, found by the AMQP port its connection came in on. */
    private PrivateBroker nodeOfCronLeader() throws Exception {
        int leader = 0;
        for (int w = 0; w < workers.size(); w++) {
            if (workers.get(w).logLinesWith("is now the cron leader").size()
                    > workers.get(w).logLinesWith("left the election").size()) {
                leader = w + 1;
            }
        }
        assertThat(leader).as("a worker leads cron").isPositive();
        String connection = "jobladder-worker-worker-" + leader + "\"";
        String listing = cluster.node(0)
                .rabbitmqctl("list_connections", "port", "client_properties", "--no-table-headers", "-q");
        for (String line : listing.lines().toList()) {
            if (line.contains(connection)) {
                int port = Integer.parseInt(line.trim().split("\\s+")[0]);
                return cluster.nodes().stream()
                        .filter(node -> node.port() == port)
                        .findFirst()
                        .orElseThrow();
            }
        }
        throw new AssertionError("no connection named " + connection + " in\n" + listing);
    }

    /** docs/operations.md, "Stranded ladder queues": RabbitMQ's own leader transfer, the one rebalance uses. */
    private static final String TRANSFER_LEADERSHIP = "{ok, Q} = rabbit_amqqueue:lookup(rabbit_misc:r(<<\"/\">>, queue,"
            + " <<\"%s\">>)), rabbit_quorum_queue:transfer_leadership(Q, '%s').";

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private record Figures(Duration longestPauseInStarts, long maxLatenessMs, List<String> strandedQueuesMoved) {
        @Override
        public String toString() {
            return String.format(
                    "0 lost, 0 run twice; starts paused at most %.1f s after the failure; jobs due after"
                            + " it ran up to %,d ms late; stranded ladder queues reported and moved: %d%s",
                    longestPauseInStarts.toMillis() / 1000.0,
                    maxLatenessMs,
                    strandedQueuesMoved.size(),
                    strandedQueuesMoved.isEmpty() ? "" : " " + strandedQueuesMoved);
        }
    }
}
