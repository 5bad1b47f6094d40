-- name: cc-locks-fastpath
-- about: weak table locks (ACCESS SHARE, ROW EXCLUSIVE) are taken on the fast path; a strong lock request moves them to the main lock table, and while it is held new weak locks skip the fast path
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);
INSERT INTO t VALUES (1, 10);
-- step alice
BEGIN;
SELECT * FROM t;
UPDATE t SET v = 11 WHERE id = 1;
-- step carol
SELECT a.application_name, l.relation::regclass, l.mode, l.granted, l.fastpath
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND a.application_name <> 'carol' ORDER BY 1, 2, 3;
-- step bob
BEGIN;
LOCK TABLE t IN SHARE MODE;
-- step carol
SELECT a.application_name, l.relation::regclass, l.mode, l.granted, l.fastpath
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND a.application_name <> 'carol' ORDER BY 1, 2, 3;
-- step dave
BEGIN;
SELECT count(*) FROM t;
-- step carol
SELECT a.application_name, l.relation::regclass, l.mode, l.granted, l.fastpath
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND a.application_name <> 'carol' ORDER BY 1, 2, 3;
-- step alice
COMMIT;
-- step bob
COMMIT;
-- step dave
COMMIT;
