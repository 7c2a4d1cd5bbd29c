package com.jobladder.internal.topology;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exchanges, queues and bindings with their arguments, as data: declared on a channel by the
 * client and the worker, or written out as a RabbitMQ definitions file or as policies by the
 * {@code scheduler topology} command. All of them durable and never auto-deleted.
 */
public record Topology(List<Exchange> exchanges, List<Queue> queues, List<Binding> bindings) {
    public Topology {
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
    }

    public record Exchange(String name, BuiltinExchangeType type, Map<String, Object> arguments) {
        public Exchange {
            arguments = Map.copyOf(arguments);
        }
    }

    public record Queue(String name, Map<String, Object> arguments) {
        public Queue {
            arguments = Map.copyOf(arguments);
        }
    }

    /** From an exchange to a queue, or to another exchange when {@code toExchange}. */
    public record Binding(String source, String destination, boolean toExchange, String routingKey) {}

    /** Exchanges, then queues, then bindings: every binding finds both of its ends. */
    public void declareOn(Channel channel) throws IOException {
        for (Exchange exchange : exchanges) {
            channel.exchangeDeclare(exchange.name(), exchange.type(), true, false, exchange.arguments());
        }
        for (Queue queue : queues) {
            channel.queueDeclare(queue.name(), true, false, false, queue.arguments());
        }
        for (Binding binding : bindings) {
            if (binding.toExchange()) {
                channel.exchangeBind(binding.destination(), binding.source(), binding.routingKey());
            } else {
                channel.queueBind(binding.destination(), binding.source(), binding.routingKey());
            }
        }
    }

    /** This topology followed by {@code other}'s. */
    public Topology plus(Topology other) {
        return new Topology(
                concat(exchanges, other.exchanges), concat(queues, other.queues), concat(bindings, other.bindings));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
