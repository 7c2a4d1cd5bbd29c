-- Retention deletes rows older than its cutoff oldest first, in chunks bounded by the timestamp of
-- the n-th oldest row; each table it trims needs its timestamp indexed (job_attempt's finished_at
-- is indexed since V1).
CREATE INDEX job_success_succeeded_at ON job_success (succeeded_at);
CREATE INDEX job_running_started_at ON job_running (started_at);

-- A tombstone must outlive its job's delay, which can be anything, so it expires only from the
-- moment a worker received the job and skipped it. (Joining job_attempt on outcome CANCELLED
-- instead made PostgreSQL scan job_attempt.) NULL until then: never expires.
ALTER TABLE job_cancel ADD COLUMN seen_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX job_cancel_seen_at ON job_cancel (seen_at);
