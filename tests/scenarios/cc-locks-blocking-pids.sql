-- name: cc-locks-blocking-pids
-- about: pg_blocking_pids names the pid that holds the row lock a waiting UPDATE needs, and is empty for everyone else
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = 12 WHERE id = 1;
-- step carol
SELECT application_name, pg_blocking_pids(pid) FROM pg_stat_activity
WHERE application_name IN ('alice', 'bob', 'carol') ORDER BY application_name;
SELECT b.application_name AS waiting, h.application_name AS blocked_by
FROM pg_stat_activity b JOIN pg_stat_activity h ON h.pid = ANY (pg_blocking_pids(b.pid))
WHERE b.application_name IN ('alice', 'bob');
-- step alice
COMMIT;
