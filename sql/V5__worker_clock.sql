-- Each running worker's last clock measurement against this database's clock, for `scheduler status`
-- (docs/operations.md, "Clocks"). A worker updates its row at every check and deletes it when it stops.
CREATE TABLE worker_clock (
    worker_id   VARCHAR(200) PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL,
    offset_us   BIGINT       NOT NULL,
    bound_us    BIGINT       NOT NULL,
    measured_at TIMESTAMP WITH TIME ZONE NOT NULL
);
