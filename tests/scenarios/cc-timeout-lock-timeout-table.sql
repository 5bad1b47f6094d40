-- name: cc-timeout-lock-timeout-table
-- about: lock_timeout also ends a wait for a table lock: a SELECT behind an uncommitted ALTER TABLE fails with 55P03, positioned at the table name, with no CONTEXT
-- needs: locks, clock
-- clock: PostgreSQL ends this wait by itself within the step (the timeout is shorter than
-- the recorder's 0.4 s before a wait counts), so the golden has the error in the step, no
-- 'waiting'; a replay must advance the engine's clock past the deadline and poll().
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
ALTER TABLE t ADD COLUMN note text;
-- step bob
SET lock_timeout = '100ms';
SELECT * FROM t ORDER BY id;
-- step alice
ROLLBACK;
-- step bob
SELECT * FROM t ORDER BY id;
