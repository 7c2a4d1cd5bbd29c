package com.jobladder.internal.outbox;

import com.jobladder.internal.amqp.Envelope;

/**
 * One row a relay picked: the job it carries, or, for a row no worker would accept, why not.
 *
 * @param envelope the job, or null when {@code problem} is set
 * @param problem  why the row can never be published, or null
 */
record OutboxRow(long seq, Envelope envelope, String problem) {}
