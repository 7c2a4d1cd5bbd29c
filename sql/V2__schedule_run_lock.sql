-- overlap = forbid: a schedule's run holds this row while its handler runs, so a later fire of
-- the same schedule, on any worker, is skipped instead of running beside it. expires_at frees a
-- lock whose worker died (started_at + the job type's timeout).
CREATE TABLE schedule_run_lock (
    schedule_name VARCHAR(200) PRIMARY KEY,
    job_id        VARCHAR(200) NOT NULL,
    worker_id     VARCHAR(200) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
