-- name: cc-locks-row-lock-conflict
-- about: pg_locks during a row-lock wait: the holder's transactionid ExclusiveLock, the waiter's ShareLock on it not granted, its tuple lock and both sides' relation locks
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
SELECT a.application_name, l.locktype, l.mode, l.granted, l.relation::regclass AS relation,
       l.transactionid = a.backend_xid AS own_xid
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE a.application_name IN ('alice', 'bob')
ORDER BY a.application_name, l.locktype, l.mode, l.relation::regclass::text;
-- step alice
COMMIT;
