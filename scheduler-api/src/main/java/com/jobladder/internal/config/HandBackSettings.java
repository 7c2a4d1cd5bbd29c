package com.jobladder.internal.config;

import java.time.Duration;

/**
 * How a worker gives back a delivery it could not settle (a follow-up it could not publish, an
 * unexpected failure): held unacknowledged for a back-off that doubles from {@code backoffBase}
 * up to {@code backoffCap}, then requeued; after {@code limit} hand-backs of the same message the
 * job goes to the dead-job queue with the reason.
 */
public record HandBackSettings(int limit, Duration backoffBase, Duration backoffCap) {}
