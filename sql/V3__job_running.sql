-- Jobs whose handler has been running for a while, so that status() can say RUNNING. Short
-- jobs never get a row: the worker writes one only when a handler is still busy after a second,
-- and deletes it when the attempt ends.
CREATE TABLE job_running (
    job_id     VARCHAR(200) PRIMARY KEY,
    attempt    INT          NOT NULL,
    worker_id  VARCHAR(200) NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);
