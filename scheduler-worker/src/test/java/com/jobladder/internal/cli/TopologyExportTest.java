package com.jobladder.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.api.JobRequest;
import com.jobladder.api.JobScheduler;
import com.jobladder.api.JobState;
import com.jobladder.client.JobSchedulerBuilder;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.daemon.WorkerDaemon;
import com.jobladder.internal.engine.TestWorkers;
import com.jobladder.testsupport.Poll;
import com.jobladder.testsupport.PrivateBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scheduler topology}: a fresh node given the exported definitions holds the whole
 * topology before any JobLadder process connects, and a worker started on it agrees with every
 * argument (a difference would fail its own declaration with PRECONDITION_FAILED). The policy
 * lines are accepted by the same node.
 */
@Tag("crash")
class TopologyExportTest {
    @TempDir
    Path dir;

    @Test
    void aFreshNodeThatImportedTheExportedDefinitionsRunsAJobAndTakesThePolicies() throws Exception {
        try (PrivateBroker node = PrivateBroker.start()) {
            Path conf =
                    Files.writeString(dir.resolve("scheduler.conf"), """
                    jobladder {
                      data-dir = "%s"
                      broker { uri = "%s", namespace = "imported", connection-timeout = 30s, confirm-timeout = 30s }
                      ladder { radix = 8, levels = 6, window = 512ms, queue-type = quorum }
                      job-types.greet { concurrency = 2 }
                      http.port = 0
                    }
                    """.formatted(dir.resolve("data"), node.uri()));
            SchedulerConfig config = ConfigLoader.load(conf, Map.of());

            SchedulerCliTest.Run definitions = SchedulerCliTest.run(
                    "topology", "--format", "definitions", "--type", "extra", "--conf", conf.toString());
            assertThat(definitions.exit()).as(definitions.err()).isZero();
            node.importDefinitions(definitions.out());

            List<String> queues = node.rabbitmqctl("list_queues", "name", "--no-table-headers")
                    .lines()
                    .map(String::trim)
                    .filter(name -> name.startsWith("imported."))
                    .toList();
            // 6 levels x 7 digits, the unrouted and dead-job queues, the worker queues of greet and extra.
            assertThat(queues)
                    .hasSize(6 * 7 + 4)
                    .contains("imported.work.greet", "imported.work.extra", "imported.dead", "imported.unrouted");

            SchedulerCliTest.Run policies =
                    SchedulerCliTest.run("topology", "--format", "policies", "--conf", conf.toString());
            assertThat(policies.exit()).as(policies.err()).isZero();
            List<String> lines = policies.out().lines().toList();
            // The rungs and the worker queue of greet (dead-letter exchange, limits), the 6 ladder exchanges and
            // the delivery exchange (alternate exchange); the dead-job and unrouted queues have nothing a policy sets.
            assertThat(lines).hasSize(6 * 7 + 1 + 6 + 1);
            for (String line : lines) {
                node.rabbitmqctl(setPolicyArguments(line));
            }
            assertThat(node.rabbitmqctl("list_policies", "--no-table-headers")
                            .lines()
                            .filter(policy -> policy.contains("imported."))
                            .count())
                    .isEqualTo(lines.size());

            try (WorkerDaemon worker = TestWorkers.start(config, Map.of("greet", job -> {}));
                    JobScheduler scheduler =
                            JobSchedulerBuilder.fromSettings(config).build()) {
                scheduler.schedule(
                        JobRequest.ofType("greet").id("through-imported").after(Duration.ofSeconds(2)));
                Poll.until(
                        Duration.ofSeconds(60),
                        () -> scheduler.status("through-imported").state() == JobState.SUCCEEDED,
                        () -> "the job ran: " + scheduler.status("through-imported") + "; queues: "
                                + node.describeQueues());
            }
        }
    }

    @Test
    void aFormatOtherThanDefinitionsOrPoliciesIsRefusedWithTheChoices() {
        SchedulerCliTest.Run run = SchedulerCliTest.run("topology", "--format", "yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("definitions, policies");
    }

    /** rabbitmqctl reads the file as the rabbitmq user: a world-readable copy outside the test's private directory. */
    /** The arguments of one printed line after "rabbitmqctl"; its quoted words hold no spaces. */
    private static String[] setPolicyArguments(String line) {
        assertThat(line).startsWith("rabbitmqctl set_policy ");
        return Arrays.stream(line.substring("rabbitmqctl ".length()).split(" "))
                .map(word -> word.startsWith("'") && word.endsWith("'") ? word.substring(1, word.length() - 1) : word)
                .toArray(String[]::new);
    }
}
