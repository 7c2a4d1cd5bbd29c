package com.jobladder.api;

import java.util.List;

/**
 * The outcome of {@link JobScheduler#scheduleAll(List)}: which jobs the broker confirmed and
 * which it did not, by their position in the request list.
 */
public record BatchResult(List<ScheduledJob> scheduled, List<Failure> failed) {

    public BatchResult {
        scheduled = List.copyOf(scheduled);
        failed = List.copyOf(failed);
    }

    /** The request at {@code index} was not scheduled, for the reason in {@code error}. */
    public record Failure(int index, JobRequest request, ScheduleFailedException error) {
        /** The id the job was (not) scheduled under: scheduling {@link #request()} again reuses it. */
        public String jobId() {
            return request.id();
        }
    }

    public boolean allScheduled() {
        return failed.isEmpty();
    }
}
