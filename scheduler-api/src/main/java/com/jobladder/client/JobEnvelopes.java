package com.jobladder.client;

import com.jobladder.api.JobLimits;
import com.jobladder.api.JobRequest;
import com.jobladder.api.ScheduleFailedException;
import com.jobladder.internal.amqp.Envelope;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Turns a request into the envelope that travels, refusing what the workers would refuse: a
 * payload over {@code jobladder.worker.max-payload-bytes}, a due time outside what the wire
 * format and the audit databases hold.
 */
final class JobEnvelopes {
    private final int maxPayloadBytes;
    private final Clock clock;

    JobEnvelopes(int maxPayloadBytes, Clock clock) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = clock;
    }

    Envelope envelope(JobRequest job, Instant now) {
        byte[] payload = job.payload();
        if (payload.length > maxPayloadBytes) {
            throw new ScheduleFailedException(
                    job.id(),
                    "its payload of " + payload.length + " bytes exceeds"
                            + " jobladder.worker.max-payload-bytes = " + maxPayloadBytes
                            + ", which the workers enforce too;"
                            + " raise the setting (up to " + JobLimits.MAX_PAYLOAD_BYTES
                            + ") or send a reference to the data");
        }
        Instant dueAt = dueAt(job);
        return new Envelope(job.id(), job.type(), payload, job.contentType(), dueAt, 1, now, null, job.maxAttempts());
    }

    private Instant dueAt(JobRequest job) {
        Instant dueAt;
        try {
            dueAt = job.dueAt(clock);
        } catch (DateTimeException | ArithmeticException e) {
            throw new ScheduleFailedException(
                    job.id(),
                    "its delay " + job.after() + " overflows the calendar;" + " expected a due time from "
                            + JobLimits.EARLIEST_DUE_AT + " to " + JobLimits.LATEST_DUE_AT,
                    e);
        }
        if (dueAt.isBefore(JobLimits.EARLIEST_DUE_AT) || dueAt.isAfter(JobLimits.LATEST_DUE_AT)) {
            throw new ScheduleFailedException(
                    job.id(),
                    "its due time " + dueAt + " is out of range; expected" + " from " + JobLimits.EARLIEST_DUE_AT
                            + " to " + JobLimits.LATEST_DUE_AT + " (a past time runs at once)");
        }
        return dueAt;
    }
}
