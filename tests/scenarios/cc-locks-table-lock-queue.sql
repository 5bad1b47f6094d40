-- name: cc-locks-table-lock-queue
-- about: pg_locks and pg_blocking_pids for a lock queue: ALTER TABLE waits for alice's ACCESS SHARE, carol's SELECT waits behind the ALTER
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT count(*) FROM t;
-- step bob
ALTER TABLE t ADD COLUMN note text;
-- step carol
SELECT count(*) FROM t;
-- step dave
SELECT a.application_name, l.mode, l.granted
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE a.application_name IN ('alice', 'bob', 'carol') AND l.locktype = 'relation' AND l.relation = 't'::regclass
ORDER BY a.application_name;
SELECT application_name, pg_blocking_pids(pid) FROM pg_stat_activity
WHERE application_name IN ('alice', 'bob', 'carol') ORDER BY application_name;
-- step alice
COMMIT;
