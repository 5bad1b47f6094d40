-- name: cc-timeout-lock-timeout-duplicate-key
-- about: lock_timeout ends the wait of an INSERT of a key another transaction inserted; the CONTEXT names the index tuple
-- needs: locks, clock
-- clock: PostgreSQL ends this wait by itself within the step (the timeout is shorter than
-- the recorder's 0.4 s before a wait counts), so the golden has the error in the step, no
-- 'waiting'; a replay must advance the engine's clock past the deadline and poll().
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
SET lock_timeout = '100ms';
INSERT INTO t VALUES (3, 33);
-- step alice
COMMIT;
