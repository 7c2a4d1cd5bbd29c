package com.jobladder.bench.contender;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.LadderRoute;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where a {@link RawContender} publishes and consumes: rungs of its own, or JobLadder's declared ladder. */
interface RawTopology {
    long WINDOW_MS = 4_096;
    long LEAD_MS = 250;

    /** Exchange and routing key of a publish, and when the message arrives in the consumer queue (epoch ms). */
    record Target(String exchange, String routingKey, long arrivesMillis) {}

    String consumerQueue();

    void declare(Channel channel) throws IOException;

    Target target(long nowMillis, long dueMillis);

    void delete(Channel channel) throws IOException;

    static RawTopology of(RawVariant variant, SchedulerConfig base) {
        return variant.jobladderTopology()
                ? new Ladder(JobLadderContender.inNamespaceOfItsOwn(base))
                : new OwnRungs(variant);
    }

    /**
     * A consumer queue and, for the hop variants, one level of quorum rungs routed like the
     * window-4096 ladder: a job whose delay minus the lead is below the window goes straight to
     * the consumer queue, any other through the rung of digit (delay - lead) / 4,096 ms, whose TTL
     * is that many windows and which dead-letters through the default exchange.
     */
    final class OwnRungs implements RawTopology {
        static final int RUNGS = 15;
        private final RawVariant variant;
        private final String prefix =
                "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);

        OwnRungs(RawVariant variant) {
            this.variant = variant;
        }

        @Override
        public String consumerQueue() {
            return prefix + ".consume";
        }

        private String rung(int k) {
            return prefix + ".rung" + k;
        }

        @Override
        public void declare(Channel channel) throws IOException {
            channel.queueDeclare(
                    consumerQueue(),
                    true,
                    false,
                    false,
                    Map.of("x-queue-type", variant.quorum() ? "quorum" : "classic"));
            for (int k = 1; variant.hop() && k <= RUNGS; k++) {
                Map<String, Object> args = new HashMap<>();
                args.put("x-queue-type", "quorum");
                args.put("x-message-ttl", k * WINDOW_MS);
                args.put("x-dead-letter-exchange", "");
                args.put("x-dead-letter-routing-key", consumerQueue());
                args.put("x-dead-letter-strategy", "at-least-once");
                args.put("x-overflow", "reject-publish");
                channel.queueDeclare(rung(k), true, false, false, args);
            }
        }

        @Override
        public Target target(long nowMillis, long dueMillis) {
            long aim = dueMillis - nowMillis - LEAD_MS;
            int k = !variant.hop() || aim < WINDOW_MS ? 0 : (int) Math.min(RUNGS, aim / WINDOW_MS);
            return k == 0
                    ? new Target("", consumerQueue(), Math.max(nowMillis, dueMillis))
                    : new Target("", rung(k), nowMillis + k * WINDOW_MS);
        }

        @Override
        public void delete(Channel channel) throws IOException {
            channel.queueDelete(consumerQueue());
            for (int k = 1; variant.hop() && k <= RUNGS; k++) {
                channel.queueDelete(rung(k));
            }
        }
    }

    /** JobLadder's ladder, delivery exchange and worker queue, declared and routed as its client does. */
    final class Ladder implements RawTopology {
        private final TopologyDeclarer declarer;

        Ladder(SchedulerConfig config) {
            this.declarer = new TopologyDeclarer(config.topologyNames());
        }

        @Override
        public String consumerQueue() {
            return declarer.names().workerQueue(JobLadderContender.TYPE);
        }

        @Override
        public void declare(Channel channel) throws IOException {
            declarer.declareAll(channel);
            declarer.declareWorkerQueue(channel, JobLadderContender.TYPE);
        }

        @Override
        public Target target(long nowMillis, long dueMillis) {
            TopologyNames names = declarer.names();
            LadderRoute route =
                    LadderRoute.of(names.ladder(), Duration.ofMillis(dueMillis - nowMillis), JobLadderContender.TYPE);
            int level = route.topLevel();
            return new Target(
                    level < 0 ? names.deliveryExchange() : names.ladderExchange(level),
                    route.routingKey(),
                    Math.max(nowMillis, dueMillis));
        }

        @Override
        public void delete(Channel channel) throws IOException {
            declarer.deleteAll(channel, List.of(JobLadderContender.TYPE));
        }
    }
}
