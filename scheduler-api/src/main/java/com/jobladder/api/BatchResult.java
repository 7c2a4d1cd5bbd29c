package com.jobladder.api;

import java.util.List;

/**
 * The outcome of {@link JobScheduler#scheduleAll(List)}: which jobs the broker confirmed and
 * which it did not, by their position in the request list. Immutable.
 *
 * @param scheduled the jobs the broker confirmed, in the order of the request list
 * @param failed    the jobs it did not, each with its position in the request list and the reason
 */
public record BatchResult(List<ScheduledJob> scheduled, List<Failure> failed) {

    /**
     * Keeps unmodifiable copies of both lists.
     *
     * @param scheduled the jobs the broker confirmed
     * @param failed    the jobs it did not
     */
    public BatchResult {
        scheduled = List.copyOf(scheduled);
        failed = List.copyOf(failed);
    }

    /**
     * The request at {@code index} was not scheduled, for the reason in {@code error}.
     *
     * @param index   the request's position in the list given to {@code scheduleAll}, from 0
     * @param request the request, unchanged: scheduling it again reuses its job id
     * @param error   why it was not scheduled
     */
    public record Failure(int index, JobRequest request, ScheduleFailedException error) {
        /**
         * The id the job was (not) scheduled under: scheduling {@link #request()} again reuses it.
         *
         * @return the request's job id
         */
        public String jobId() {
            return request.id();
        }
    }

    /**
     * Whether the broker confirmed every job of the batch.
     *
     * @return true when {@link #failed()} is empty
     */
    public boolean allScheduled() {
        return failed.isEmpty();
    }
}
