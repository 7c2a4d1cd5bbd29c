package com.jobladder.api;

/** What {@link JobScheduler#cancel(String)} did with the job. */
public enum CancelResult {
    /** A tombstone is written: a worker that receives the job skips it and records CANCELLED. */
    CANCELLED,
    /** The job was cancelled before; nothing changed. */
    ALREADY_CANCELLED,
    /** The job already succeeded or is dead; a tombstone would change nothing. */
    ALREADY_FINISHED
}
