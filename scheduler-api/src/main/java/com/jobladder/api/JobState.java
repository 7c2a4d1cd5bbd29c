package com.jobladder.api;

/** Where a job stands, as {@link JobScheduler#status(String)} reports it. */
public enum JobState {
    /** No attempt is recorded: the job waits in the broker, or the id is unknown. */
    PENDING,
    /** A handler has been running it for more than a second and has not finished. */
    RUNNING,
    /** An attempt succeeded: the job is done and never runs again under this id. */
    SUCCEEDED,
    /** The last attempt failed and another one is scheduled. */
    RETRYING,
    /** Every attempt failed, or the message was poison; it waits in the dead-job queue. */
    DEAD,
    /** It was cancelled ({@link JobScheduler#cancel(String)}); no worker runs it. */
    CANCELLED,
    /** A cron fire skipped because the previous run of its schedule was still going. */
    SKIPPED
}
