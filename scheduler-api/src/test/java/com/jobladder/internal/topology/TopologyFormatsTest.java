package com.jobladder.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.config.ConfigLoader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The definitions file and the policy lines say what the declarer declares, argument for argument. */
class TopologyFormatsTest {
    private final TopologyDeclarer declarer = new TopologyDeclarer(
            new TopologyNames("ns", new LadderSpec(4, Duration.ofMillis(10), 2, QueueType.QUORUM, 500)));
    private final Topology topology = declarer.all(List.of("send-email"));

    @Test
    void theDefinitionsFileHoldsEveryQueueWithItsArgumentsInTheVhost() {
        Config file = ConfigFactory.parseString(
                DefinitionsFile.render(topology, "jobs"),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));

        List<? extends Config> queues = file.getConfigList("queues");
        assertThat(queues).hasSize(2 * 3 + 3);
        Config rung = queues.stream()
                .filter(q -> q.getString("name")
                        .equals("ns.ladder." + declarer.names().ladder().fingerprint() + ".L1.d2"))
                .findFirst()
                .orElseThrow();
        assertThat(rung.getString("vhost")).isEqualTo("jobs");
        assertThat(rung.getBoolean("durable")).isTrue();
        assertThat(rung.getConfig("arguments").root().unwrapped())
                .isEqualTo(Map.of(
                        "x-queue-type",
                        "quorum",
                        "x-quorum-initial-group-size",
                        3,
                        "x-message-ttl",
                        80,
                        "x-max-length",
                        500,
                        "x-overflow",
                        "reject-publish",
                        "x-dead-letter-strategy",
                        "at-least-once",
                        "x-dead-letter-exchange",
                        declarer.names().ladderExchange(0)));
        assertThat(file.getConfigList("exchanges"))
                .extracting(e -> e.getString("type"))
                .containsExactly("fanout", "fanout", "topic", "topic", "topic");
        assertThat(file.getConfigList("bindings")).anySatisfy(binding -> {
            assertThat(binding.getString("source")).isEqualTo(declarer.names().ladderExchange(1));
            assertThat(binding.getString("destination"))
                    .isEqualTo(declarer.names().deliveryExchange());
            assertThat(binding.getString("destination_type")).isEqualTo("exchange");
            assertThat(binding.getString("routing_key")).isEqualTo("0.0.#");
        });
        assertThat(file.getConfigList("bindings")).anySatisfy(binding -> {
            assertThat(binding.getString("source")).isEqualTo(declarer.names().ladderExchange(1));
            assertThat(binding.getString("destination"))
                    .isEqualTo(declarer.names().ladderQueue(0, 2));
            assertThat(binding.getString("destination_type")).isEqualTo("queue");
            assertThat(binding.getString("routing_key")).isEqualTo("0.2.#");
        });
        assertThat(file.getConfigList("bindings"))
                .noneSatisfy(binding -> assertThat(binding.getString("destination"))
                        .isEqualTo(declarer.names().ladderExchange(0)));
    }

    @Test
    void eachPolicyMatchesOneObjectByItsExactNameAndSetsWhatAPolicyCan() {
        List<String> lines = PolicyCommands.render(topology, "/");
        String rung = declarer.names().ladderQueue(0, 3);

        // Six rungs, the worker queue, the two ladder exchanges and the delivery exchange.
        assertThat(lines).hasSize(2 * 3 + 1 + 3);
        assertThat(lines)
                .contains("rabbitmqctl set_policy -p '/' --apply-to queues --priority 10 '" + rung + "' '^"
                        + rung.replace(".", "\\.") + "$' '{\"dead-letter-exchange\":\"ns.delivery\","
                        + "\"dead-letter-strategy\":\"at-least-once\",\"max-length\":500,\"message-ttl\":30,"
                        + "\"overflow\":\"reject-publish\"}'");
        assertThat(lines)
                .contains("rabbitmqctl set_policy -p '/' --apply-to queues --priority 10 'ns.work.send-email'"
                        + " '^ns\\.work\\.send-email$' '{\"dead-letter-exchange\":\"ns.dead\",\"dead-letter-strategy\":"
                        + "\"at-least-once\",\"delivery-limit\":10,\"overflow\":\"reject-publish\"}'");
        assertThat(lines)
                .contains("rabbitmqctl set_policy -p '/' --apply-to exchanges --priority 10 'ns.delivery'"
                        + " '^ns\\.delivery$' '{\"alternate-exchange\":\"ns.unrouted\"}'");
    }

    @Test
    void aVhostWithAQuoteStaysOneShellWord() {
        assertThat(PolicyCommands.render(topology, "it's").get(0)).startsWith("rabbitmqctl set_policy -p 'it'\\''s' ");
    }

    @Test
    void theVhostIsReadFromTheUriAsTheAmqpClientReadsIt() {
        assertThat(vhostOf("amqp://u:p@h:5672/%2f")).isEqualTo("/");
        assertThat(vhostOf("amqp://u:p@h:5672")).isEqualTo("/");
        assertThat(vhostOf("amqps://u:p@h/jobs%2Fprod")).isEqualTo("jobs/prod");
    }

    private static String vhostOf(String uri) {
        return ConfigLoader.fromString("", Map.of("JOBLADDER_BROKER_URI", uri))
                .broker()
                .vhost();
    }
}
