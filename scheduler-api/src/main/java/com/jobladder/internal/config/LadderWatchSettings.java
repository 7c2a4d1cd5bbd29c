package com.jobladder.internal.config;

import java.time.Duration;
import java.util.List;

/**
 * The worker's watch for stranded ladder queues: quorum queues whose expired jobs RabbitMQ's
 * dead-letter worker does not pass on (docs/operations.md, "Stranded ladder queues").
 *
 * @param managementUris RabbitMQ management API base addresses, tried in order; empty: no watch
 * @param strandedAfter  how long a queue's expired jobs may wait, their count not going down,
 *                       before the queue counts as stranded
 */
public record LadderWatchSettings(List<String> managementUris, Duration strandedAfter) {
    public LadderWatchSettings {
        managementUris = List.copyOf(managementUris);
    }

    public boolean enabled() {
        return !managementUris.isEmpty();
    }
}
