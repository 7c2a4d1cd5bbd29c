-- Retention deletes rows older than its cutoff oldest first, in chunks bounded by the timestamp of
-- the n-th oldest row; each table it trims needs its timestamp indexed (job_attempt's finished_at
-- is indexed since V1).
CREATE INDEX job_success_succeeded_at ON job_success (succeeded_at);
CREATE INDEX job_cancel_cancelled_at ON job_cancel (cancelled_at);
CREATE INDEX job_running_started_at ON job_running (started_at);
