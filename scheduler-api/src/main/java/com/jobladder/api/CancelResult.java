package com.jobladder.api;

/** The answer to {@link JobScheduler#cancel(String)}. */
public enum CancelResult {
    /** A tombstone is written: a worker that receives the job skips it and records CANCELLED. */
    CANCELLED,
    /** The job was cancelled before; nothing changed. */
    ALREADY_CANCELLED,
    /** The job already succeeded or is dead; a tombstone would change nothing. */
    ALREADY_FINISHED
}
