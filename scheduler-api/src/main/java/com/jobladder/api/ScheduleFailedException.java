package com.jobladder.api;

/**
 * A job was not accepted by the broker: nacked, returned as unroutable, refused because a
 * queue is full or the request is out of bounds, or not confirmed in time (then the message says
 * the outcome is unknown). Retrying with the same request (which keeps its id) is safe because a
 * job id that already succeeded never runs twice.
 */
public class ScheduleFailedException extends JobladderException {
    private static final long serialVersionUID = 1L;

    /** The id of the job that was not scheduled (part of the serialized form). */
    private final String jobId;

    /**
     * A job not scheduled, for a reason found without an exception.
     *
     * @param jobId  the job's id
     * @param reason why; the message reads "job ID was not scheduled: REASON"
     */
    public ScheduleFailedException(String jobId, String reason) {
        super("job " + jobId + " was not scheduled: " + reason);
        this.jobId = jobId;
    }

    /**
     * A job not scheduled because of another exception, such as the broker client's.
     *
     * @param jobId  the job's id
     * @param reason why; the message reads "job ID was not scheduled: REASON"
     * @param cause  the exception underneath
     */
    public ScheduleFailedException(String jobId, String reason, Throwable cause) {
        super("job " + jobId + " was not scheduled: " + reason, cause);
        this.jobId = jobId;
    }

    /**
     * The id of the job that was not scheduled: scheduling the same request again reuses it.
     *
     * @return the job's id
     */
    public String jobId() {
        return jobId;
    }
}
