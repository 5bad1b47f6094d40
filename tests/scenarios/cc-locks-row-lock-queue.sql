-- name: cc-locks-row-lock-queue
-- about: three writers on one row: the second waits for the first's transaction while holding the row's tuple lock, the third queues behind the second on that tuple lock; each commit hands the row to the next in line
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10);
-- step alice
BEGIN;
UPDATE t SET value = value + 1 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = value + 10 WHERE id = 1;
-- step carol
BEGIN;
UPDATE t SET value = value + 100 WHERE id = 1;
-- step dave
SELECT b.application_name AS waiting, h.application_name AS blocked_by
FROM pg_stat_activity b JOIN pg_stat_activity h ON h.pid = ANY (pg_blocking_pids(b.pid))
ORDER BY 1, 2;
SELECT a.application_name, l.locktype, l.page, l.tuple, l.mode, l.granted
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype IN ('tuple', 'transactionid') AND NOT l.granted OR l.locktype = 'tuple'
ORDER BY 1, 2;
-- step alice
COMMIT;
-- step dave
SELECT b.application_name AS waiting, h.application_name AS blocked_by
FROM pg_stat_activity b JOIN pg_stat_activity h ON h.pid = ANY (pg_blocking_pids(b.pid))
ORDER BY 1, 2;
-- step bob
COMMIT;
-- step carol
COMMIT;
SELECT * FROM t;
