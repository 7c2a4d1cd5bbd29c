package com.jobladder.internal.amqp;

import com.rabbitmq.client.Connection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's product and version as it announces them when a connection opens (its server
 * properties), logged once per node and version, with a warning for versions known to strand or
 * drop jobs (docs/operations.md, "Supported brokers").
 */
public final class BrokerVersion {
    private static final Logger log = LoggerFactory.getLogger(BrokerVersion.class);
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private BrokerVersion() {}

    /** Logs the broker behind {@code connection}, the first time this process meets that node and version. */
    public static void report(Connection connection) {
        Map<String, Object> properties = connection.getServerProperties();
        String product = String.valueOf(properties.get("product"));
        String version = String.valueOf(properties.get("version"));
        String node = connection.getAddress().getHostAddress() + ":" + connection.getPort();
        if (!REPORTED.add(node + " " + product + " " + version)) {
            return;
        }
        String risk = risk(product, version);
        if (risk == null) {
            log.info("Broker at {}: {} {}", node, product, version);
        } else {
            log.warn("Broker at {}: {} {}. {}", node, product, version, risk);
        }
    }

    /** What goes wrong with jobs on this broker, or null for a version with no known risk to them. */
    static String risk(String product, String version) {
        if (!"RabbitMQ".equals(product)) {
            return "JobLadder is tested on RabbitMQ only; on another broker, queue arguments and dead-lettering may not"
                    + " behave as docs/guarantees.md says (docs/operations.md, \"Supported brokers\")";
        }
        Matcher matcher = MAJOR_MINOR.matcher(version);
        if (!matcher.find()) {
            return "its version is not one JobLadder recognises (docs/operations.md, \"Supported brokers\")";
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major < 3 || (major == 3 && minor < 10)) {
            return "Before 3.10, quorum queues have no at-least-once dead-lettering: a job moving between ladder"
                    + " queues can be lost. Upgrade (docs/operations.md, \"Supported brokers\")";
        }
        if (major == 3 && minor <= 12) {
            return "On 3.10 to 3.12 (before rabbitmq-server pull request 9221), ladder queues can stop passing their"
                    + " expired jobs on after a node of a cluster is lost, and jobs run late until someone acts"
                    + " (docs/operations.md, \"Stranded ladder queues\"; \"Supported brokers\" for the versions to run)";
        }
        return null;
    }
}
