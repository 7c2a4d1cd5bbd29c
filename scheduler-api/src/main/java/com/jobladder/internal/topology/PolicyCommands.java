package com.jobladder.internal.topology;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code rabbitmqctl set_policy} lines that give a topology's queues and exchanges their
 * dead-letter exchanges, TTLs, length limits and alternate exchanges by policy. One policy per
 * object, matched by its exact name: a RabbitMQ object follows only its highest-priority policy,
 * so a broad pattern would take the place of an operator's own policies.
 */
public final class PolicyCommands {
    /** Above the 0 that most operators' own policies have, so these win on JobLadder's objects. */
    public static final int PRIORITY = 10;
    /** Queue arguments a policy can set, and the policy key for each; the rest (type, group size) cannot. */
    private static final Map<String, String> QUEUE_KEYS = Map.of(
            "x-message-ttl", "message-ttl",
            "x-dead-letter-exchange", "dead-letter-exchange",
            "x-dead-letter-strategy", "dead-letter-strategy",
            "x-overflow", "overflow",
            "x-max-length", "max-length",
            "x-delivery-limit", "delivery-limit");

    private static final Map<String, String> EXCHANGE_KEYS = Map.of("alternate-exchange", "alternate-exchange");

    private PolicyCommands() {}

    public static List<String> render(Topology topology, String vhost) {
        List<String> lines = new ArrayList<>();
        for (Topology.Exchange exchange : topology.exchanges()) {
            Map<String, Object> definition = policyKeys(exchange.arguments(), EXCHANGE_KEYS);
            if (!definition.isEmpty()) {
                lines.add(line(vhost, "exchanges", exchange.name(), definition));
            }
        }
        for (Topology.Queue queue : topology.queues()) {
            Map<String, Object> definition = policyKeys(queue.arguments(), QUEUE_KEYS);
            if (!definition.isEmpty()) {
                lines.add(line(vhost, "queues", queue.name(), definition));
            }
        }
        return lines;
    }

    private static Map<String, Object> policyKeys(Map<String, Object> arguments, Map<String, String> keys) {
        Map<String, Object> definition = new TreeMap<>();
        arguments.forEach((argument, value) -> {
            if (keys.containsKey(argument)) {
                definition.put(keys.get(argument), value);
            }
        });
        return definition;
    }

    /** Names hold only letters, digits, '_', '.' and '-' (TopologyNames): no shell quoting beyond '...'. */
    private static String line(String vhost, String applyTo, String name, Map<String, Object> definition) {
        String json = ConfigValueFactory.fromMap(definition)
                .render(ConfigRenderOptions.concise().setJson(true));
        String quotedVhost = "'" + vhost.replace("'", "'\\''") + "'";
        return "rabbitmqctl set_policy -p " + quotedVhost + " --apply-to " + applyTo + " --priority " + PRIORITY + " '"
                + name + "' '^" + name.replace(".", "\\.") + "$' '" + json + "'";
    }
}
