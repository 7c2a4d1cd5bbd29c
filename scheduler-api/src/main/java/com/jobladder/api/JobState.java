package com.jobladder.api;

/** Where a job stands, as {@link JobScheduler#status(String)} reports it. */
public enum JobState {
    /** No attempt is recorded: the job waits in the broker, or the id is unknown. */
    PENDING,
    /** A handler has been running it for more than a second and has not finished. */
    RUNNING,
    SUCCEEDED,
    /** The last attempt failed and another one is scheduled. */
    RETRYING,
    /** Every attempt failed, or the message was poison; it waits in the dead-job queue. */
    DEAD,
    CANCELLED,
    /** A cron fire skipped because the previous run of its schedule was still going. */
    SKIPPED
}
