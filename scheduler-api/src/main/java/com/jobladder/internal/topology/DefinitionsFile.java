package com.jobladder.internal.topology;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A topology as a RabbitMQ definitions file: what {@code rabbitmqctl import_definitions} and the
 * management plugin's import take. Only exchanges, queues and bindings, each naming its vhost;
 * users, vhosts and permissions stay the operator's.
 */
public final class DefinitionsFile {
    private DefinitionsFile() {}

    public static String render(Topology topology, String vhost) {
        Map<String, Object> file = new LinkedHashMap<>();
        List<Object> exchanges = new ArrayList<>();
        for (Topology.Exchange exchange : topology.exchanges()) {
            Map<String, Object> entry = named(exchange.name(), vhost);
            entry.put("type", exchange.type().getType().toLowerCase(Locale.ROOT));
            entry.put("internal", false);
            entry.put("arguments", exchange.arguments());
            exchanges.add(entry);
        }
        List<Object> queues = new ArrayList<>();
        for (Topology.Queue queue : topology.queues()) {
            Map<String, Object> entry = named(queue.name(), vhost);
            entry.put("arguments", queue.arguments());
            queues.add(entry);
        }
        List<Object> bindings = new ArrayList<>();
        for (Topology.Binding binding : topology.bindings()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", binding.source());
            entry.put("vhost", vhost);
            entry.put("destination", binding.destination());
            entry.put("destination_type", binding.toExchange() ? "exchange" : "queue");
            entry.put("routing_key", binding.routingKey());
            entry.put("arguments", Map.of());
            bindings.add(entry);
        }
        file.put("exchanges", exchanges);
        file.put("queues", queues);
        file.put("bindings", bindings);
        return ConfigValueFactory.fromMap(file)
                        .render(ConfigRenderOptions.concise().setJson(true).setFormatted(true)) + "\n";
    }

    private static Map<String, Object> named(String name, String vhost) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("vhost", vhost);
        entry.put("durable", true);
        entry.put("auto_delete", false);
        return entry;
    }
}
