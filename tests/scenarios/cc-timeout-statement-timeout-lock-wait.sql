-- name: cc-timeout-statement-timeout-lock-wait
-- about: SET statement_timeout = '150ms' around a lock wait: the waiting UPDATE is canceled with 57014 'canceling statement due to statement timeout'
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
SET statement_timeout = '150ms';
UPDATE t SET value = 12 WHERE id = 1;
RESET statement_timeout;
SELECT * FROM t ORDER BY id;
-- step alice
COMMIT;
