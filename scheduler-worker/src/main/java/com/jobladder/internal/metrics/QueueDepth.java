package com.jobladder.internal.metrics;

/**
 * One queue as a passive declare saw it: ready messages (not those delivered and unacked, which
 * AMQP does not report) and consumers.
 *
 * @param role   ladder, worker, dead or unrouted
 * @param level  the ladder level, or -1
 * @param digit  the ladder digit (its TTL is digit x radix^level x unit), or -1
 * @param error  why the broker did not answer for it, or null
 */
public record QueueDepth(String queue, String role, int level, int digit, long messages, int consumers, String error) {}
