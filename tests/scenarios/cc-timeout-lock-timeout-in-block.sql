-- name: cc-timeout-lock-timeout-in-block
-- about: SET LOCAL lock_timeout inside a transaction: the timed-out statement aborts the whole block, and after ROLLBACK the setting is gone
-- needs: locks, clock
-- clock: PostgreSQL ends this wait by itself within the step (the timeout is shorter than
-- the recorder's 0.4 s before a wait counts), so the golden has the error in the step, no
-- 'waiting'; a replay must advance the engine's clock past the deadline and poll().
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step bob
BEGIN;
SET LOCAL lock_timeout = '100ms';
UPDATE t SET value = 11 WHERE id = 2;
UPDATE t SET value = 12 WHERE id = 1;
SELECT * FROM t ORDER BY id;
ROLLBACK;
SHOW lock_timeout;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
