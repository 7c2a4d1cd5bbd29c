package com.jobladder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jobladder.internal.topology.QueueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String hocon) throws IOException {
        return Files.writeString(dir.resolve("scheduler.conf"), hocon);
    }

    @Test
    void theSampleConfigurationLoads() {
        SchedulerConfig config = ConfigLoader.load(Path.of("../conf/scheduler.conf"), Map.of());

        assertThat(config.ladder().radix()).isEqualTo(16);
        assertThat(config.ladder().queueType()).isEqualTo(QueueType.QUORUM);
        assertThat(config.forType("demo").maxAttempts()).isEqualTo(3);
        assertThat(config.forType("demo").backoffCap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.forType("anything-else").maxAttempts()).isEqualTo(5);
    }

    @Test
    void aValueOutOfRangeNamesTheFileLineKeyValueAndWhatIsExpected() throws IOException {
        Path file = write("jobladder {\n  ladder {\n    radix = 1\n  }\n}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3: jobladder.ladder.radix = 1 is invalid: expected an integer from 2 to 64");
    }

    @Test
    void aWorkerIdLongerThanItsAuditColumnIsRefusedAtLoad() throws IOException {
        Path file = write("jobladder.worker.id = \"" + "w".repeat(201) + "\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + ":1: jobladder.worker.id = \"www")
                .hasMessageContaining("is invalid: expected at most 200 characters");
        assertThat(ConfigLoader.load(write("jobladder.worker.id = \"" + "w".repeat(200) + "\"\n"), Map.of())
                        .worker()
                        .id())
                .hasSize(200);
    }

    @Test
    void theLadderWatchIsOffUnlessAManagementApiIsNamedAndRefusesAnAddressThatIsNotHttp() throws IOException {
        assertThat(ConfigLoader.load(write("jobladder.worker.id = w\n"), Map.of())
                        .worker()
                        .ladderWatch()
                        .enabled())
                .isFalse();
        LadderWatchSettings watch = ConfigLoader.load(
                        write("jobladder.worker.ladder-watch {\n"
                                + "  management-uris = [\"http://rabbit-1:15672\", \"https://rabbit-2:15671\"]\n"
                                + "  stranded-after = 90s\n}\n"),
                        Map.of())
                .worker()
                .ladderWatch();
        assertThat(watch.managementUris()).containsExactly("http://rabbit-1:15672", "https://rabbit-2:15671");
        assertThat(watch.strandedAfter()).isEqualTo(Duration.ofSeconds(90));
        Path amqp = write("jobladder.worker.ladder-watch.management-uris = [\"amqp://rabbit-1:5672\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(amqp, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.worker.ladder-watch.management-uris")
                .hasMessageContaining("http:// or https:// addresses of RabbitMQ's management API")
                .hasMessageContaining("amqp://rabbit-1:5672 is not one");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyAndTheExpectedType() throws IOException {
        Path file = write("jobladder.broker.confirm-timeout = soon\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":1: jobladder.broker.confirm-timeout = \"soon\" is invalid")
                .hasMessageContaining("a positive duration");
    }

    @Test
    void brokenSyntaxNamesTheFileAndLine() throws IOException {
        Path file = write("jobladder {\n  ladder {\n    radix = 16\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file + " is malformed:")
                .hasMessageContaining("4");
    }

    @Test
    void aMisspeltKeyIsRefusedInsteadOfIgnored() throws IOException {
        Path file = write("jobladder.ladder.radx = 8\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":1: unknown setting jobladder.ladder.radx");
    }

    @Test
    void anUnknownQueueTypeListsTheChoices() throws IOException {
        Path file = write("jobladder.ladder.queue-type = stream\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(
                        "jobladder.ladder.queue-type = \"stream\" is invalid: expected quorum or classic");
    }

    @Test
    void aLadderTooTallForRabbitMqTtlsIsRefusedAtLoad() throws IOException {
        Path file = write("jobladder.ladder { radix = 16, unit = 1ms, levels = 9 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining("jobladder.ladder.levels = 9 is invalid")
                .hasMessageContaining("4294967295 ms");
    }

    @Test
    void aBrokerUriThatIsNotAmqpIsRefused() throws IOException {
        Path file = write("jobladder.broker.uri = \"http://example.com\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining("expected an amqp:// or amqps:// URI");
    }

    @Test
    void amqpsUrisAreAccepted() throws IOException {
        Path file = write("jobladder.broker.uri = \"amqps://u:p@broker.example.com:5671/prod\"\n");

        assertThat(ConfigLoader.load(file, Map.of()).broker().uri()).startsWith("amqps://");
    }

    @Test
    void theEnvironmentOverridesTheFileForSecrets() throws IOException {
        Path file = write("jobladder.audit.password = \"from-file\"\n");

        SchedulerConfig config = ConfigLoader.load(
                file,
                Map.of(
                        "JOBLADDER_AUDIT_PASSWORD", "s3cret",
                        "JOBLADDER_BROKER_URI", "amqp://app:hunter2@rabbit:5672/jobs"));

        assertThat(config.audit().password()).isEqualTo("s3cret");
        assertThat(config.broker().uri()).isEqualTo("amqp://app:hunter2@rabbit:5672/jobs");
    }

    @Test
    void secretsNeverAppearInTheSettingsThatGetLogged() throws IOException {
        Path file = write(
                "jobladder.audit { jdbc-url = \"jdbc:postgresql://db/jobs?password=pw1\", password = \"pw2\" }\n");

        SchedulerConfig config =
                ConfigLoader.load(file, Map.of("JOBLADDER_BROKER_URI", "amqp://app:hunter2@rabbit/jobs"));

        assertThat(config.broker().toString()).doesNotContain("hunter2").contains("app:***@rabbit");
        assertThat(config.audit().toString()).doesNotContain("pw1").doesNotContain("pw2");
    }

    @Test
    void aJobTypeBlockInheritsWhatItDoesNotSetFromDefault() throws IOException {
        Path file = write("jobladder.job-types.send-email { timeout = 30s }\n");

        JobTypeSettings settings = ConfigLoader.load(file, Map.of()).forType("send-email");

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxAttempts()).isEqualTo(5);
    }

    @Test
    void aJobTypeNameThatIsNotARoutingWordIsRefused() throws IOException {
        Path file = write("jobladder.job-types { \"Send Email\" { timeout = 30s } }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("[a-z0-9_-]");
    }

    @Test
    void aMissingFileSaysWhatWasExpected() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.conf"), Map.of()))
                .hasMessageContaining("nope.conf does not exist");
    }

    @Test
    void theFinalApproachDefaultsToAWindowOfThreeLevelsOfTheDefaultLadderAndALeadOfAQuarterSecond() {
        SchedulerConfig config = ConfigLoader.defaults(Map.of());

        assertThat(config.ladder().window()).isEqualTo(Duration.ofMillis(4096));
        assertThat(config.ladder().windowLevels()).isEqualTo(3);
        assertThat(config.ladder().lead()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.worker().holdMargin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.worker().holdLookAhead()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.forType("any").holdBudget()).isEqualTo(10_000);
    }

    @Test
    void aWindowThatDoesNotFitTheLadderNamesTheKeyAndTheWindowsThatDo() throws IOException {
        Path file = write("jobladder.ladder { radix = 10, unit = 1ms, levels = 6 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jobladder.ladder.window = \"4096ms\" is invalid")
                .hasMessageContaining("radix^k * unit")
                .hasMessageContaining("1ms, 10ms, 100ms, 1000ms");
    }

    @Test
    void aNegativeLeadIsRefused() throws IOException {
        Path file = write("jobladder.ladder.lead = -5ms\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":1: jobladder.ladder.lead = \"-5ms\" is invalid");
    }

    @Test
    void aHoldBudgetThatOverflowsTheAmqpPrefetchCountIsRefused() throws IOException {
        Path file = write("jobladder.worker.prefetch = 50\njobladder.job-types.big { hold-budget = 65500 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":2: jobladder.job-types.big.hold-budget = 65500 is invalid")
                .hasMessageContaining("16 bits");
    }

    @Test
    void delayedExchangesBecomeRelayTypesWithOneHandlerThreadUnlessListed() throws IOException {
        Path file = write("""
                jobladder.relay {
                  enabled = true
                  exchanges = [
                    { name = "Orders.Delayed", target = "orders" },
                    { name = "mail.delayed", target = "mail" }
                  ]
                }
                jobladder.job-types.relay-mail-delayed.concurrency = 8
                """);

        SchedulerConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.relay().enabled()).isTrue();
        assertThat(config.relay().exchanges())
                .extracting(DelayedExchange::jobType)
                .containsExactly("relay-orders-delayed", "relay-mail-delayed");
        assertThat(config.forType("relay-orders-delayed").concurrency()).isEqualTo(1);
        assertThat(config.forType("relay-mail-delayed").concurrency()).isEqualTo(8);
        assertThat(config.forType("other").concurrency()).isEqualTo(4);
    }

    @Test
    void delayedExchangesThatCannotWorkAreRefusedSayingWhy() throws IOException {
        Path clash = write("jobladder.relay.exchanges = [{ name = \"a.b\", target = \"t\" }, { name = \"a-b\", target ="
                + " \"t\" }]\n");
        assertThatThrownBy(() -> ConfigLoader.load(clash, Map.of()))
                .hasMessageContaining("jobladder.relay.exchanges")
                .hasMessageContaining("both make the job type relay-a-b");

        Path loop = write("jobladder.relay.exchanges = [{ name = \"x\", target = \"x\" }]\n");
        assertThatThrownBy(() -> ConfigLoader.load(loop, Map.of())).hasMessageContaining("a loop");

        Path missingTarget = write("jobladder.relay.exchanges = [{ name = \"x\" }]\n");
        assertThatThrownBy(() -> ConfigLoader.load(missingTarget, Map.of()))
                .hasMessageContaining("exactly the keys name and target");

        Path reserved = write("jobladder.relay.exchanges = [{ name = \"amq.delayed\", target = \"t\" }]\n");
        assertThatThrownBy(() -> ConfigLoader.load(reserved, Map.of())).hasMessageContaining("amq.");
    }
}
