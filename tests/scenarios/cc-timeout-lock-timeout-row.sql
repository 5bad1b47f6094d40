-- name: cc-timeout-lock-timeout-row
-- about: SET lock_timeout = '100ms': an UPDATE waiting for a row lock gives up by itself with 55P03 'canceling statement due to lock timeout'
-- needs: locks, clock
-- clock: PostgreSQL ends this wait by itself within the step (the timeout is shorter than
-- the recorder's 0.4 s before a wait counts), so the golden has the error in the step, no
-- 'waiting'; a replay must advance the engine's clock past the deadline and poll().
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
SET lock_timeout = '100ms';
UPDATE t SET value = 12 WHERE id = 1;
UPDATE t SET value = 22 WHERE id = 2;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
