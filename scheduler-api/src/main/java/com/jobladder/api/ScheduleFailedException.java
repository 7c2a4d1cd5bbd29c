package com.jobladder.api;

/**
 * A job was not accepted by the broker: nacked, returned as unroutable, refused because a
 * queue is full or the request is out of bounds, or not confirmed in time (then the message says
 * the outcome is unknown). Retrying with the same request (which keeps its id) is safe because a
 * job id that already succeeded never runs twice.
 */
public class ScheduleFailedException extends JobladderException {
    private final String jobId;

    public ScheduleFailedException(String jobId, String reason) {
        super("job " + jobId + " was not scheduled: " + reason);
        this.jobId = jobId;
    }

    public ScheduleFailedException(String jobId, String reason, Throwable cause) {
        super("job " + jobId + " was not scheduled: " + reason, cause);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
