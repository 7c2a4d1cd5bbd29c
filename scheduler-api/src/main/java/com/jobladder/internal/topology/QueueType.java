package com.jobladder.internal.topology;

/** How ladder and worker queues are declared. */
public enum QueueType {
    /** Replicated, durable, dead-letters at least once: the default. */
    QUORUM,
    /**
     * Classic durable queues. They dead-letter at most once: a broker crash while a message moves
     * between rungs loses it. Only for brokers without quorum queues, and only by explicit choice.
     */
    CLASSIC
}
