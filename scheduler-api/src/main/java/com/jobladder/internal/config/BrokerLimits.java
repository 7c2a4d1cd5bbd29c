package com.jobladder.internal.config;

import com.jobladder.api.JobLimits;
import com.jobladder.internal.topology.LadderSpec;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;

/**
 * What the broker's own limits demand of the other settings, checked at load so that the worker
 * never promises what the broker then refuses:
 *
 * <ul>
 *   <li>{@code jobladder.broker.max-message-size}, the broker's {@code max_message_size} (16 MiB by
 *       default from RabbitMQ 4.0, 128 MiB on 3.x): the payload limit may not exceed it, or a job
 *       {@code schedule} accepted would be refused by the broker;
 *   <li>{@code jobladder.broker.consumer-timeout}, the broker's {@code consumer_timeout} (30 minutes
 *       by default): a delivery held until due and then run up to its type's timeout must be settled
 *       before it, or the broker takes the delivery back (closing the channel, or from 4.3 returning
 *       it on a quorum queue) while the handler still runs, and the job runs twice.
 * </ul>
 */
final class BrokerLimits {
    static final String MAX_MESSAGE_SIZE = "jobladder.broker.max-message-size";
    static final String CONSUMER_TIMEOUT = "jobladder.broker.consumer-timeout";
    /** The ack itself (the audit row first) needs a moment after the handler returns. */
    static final Duration SETTLE_ALLOWANCE = Duration.ofMinutes(1);

    private BrokerLimits() {}

    static void check(
            SettingsReader in,
            WorkerSettings worker,
            LadderSpec ladder,
            Map<String, JobTypeSettings> jobTypes,
            Config merged) {
        int maxMessageSize = in.intBetween(MAX_MESSAGE_SIZE, 1, JobLimits.MAX_PAYLOAD_BYTES);
        if (worker.maxPayloadBytes() > maxMessageSize) {
            String payloadKey = "jobladder.worker.max-payload-bytes";
            throw in.invalid(
                    payloadKey,
                    "at most " + MAX_MESSAGE_SIZE + " ("
                            + maxMessageSize + "), the largest message the broker takes (its max_message_size: 16 MiB"
                            + " by default from RabbitMQ 4.0, 128 MiB on 3.x): lower the payload limit, or raise both"
                            + " the broker's max_message_size and " + MAX_MESSAGE_SIZE);
        }
        Duration consumerTimeout = in.positiveDuration(CONSUMER_TIMEOUT);
        Duration held = ladder.window().plus(ladder.lead()).plus(worker.holdMargin());
        jobTypes.forEach((type, settings) -> {
            Duration needed = held.plus(settings.timeout()).plus(SETTLE_ALLOWANCE);
            if (needed.compareTo(consumerTimeout) > 0) {
                String key = "jobladder.job-types." + type + ".timeout";
                throw in.invalid(
                        merged.hasPath(key) ? key : "jobladder.job-types.default.timeout",
                        "at most " + CONSUMER_TIMEOUT + " (" + consumerTimeout + ") minus the hold before a job's"
                                + " due time (ladder window + lead + worker hold-margin, " + held + ") and "
                                + SETTLE_ALLOWANCE + " to settle: the broker's consumer_timeout (30 minutes by"
                                + " default) would take the delivery of a job of type " + type + " back while its"
                                + " handler runs, and the job would run twice. Lower the timeout, or raise the"
                                + " broker's consumer_timeout and " + CONSUMER_TIMEOUT + " with it");
            }
        });
    }
}
