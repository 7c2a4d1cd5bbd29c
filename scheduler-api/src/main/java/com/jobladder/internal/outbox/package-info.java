/**
 * The transactional outbox: the table a job is written to in the application's transaction, and
 * the relay that publishes committed rows.
 */
package com.jobladder.internal.outbox;
