-- name: cc-activity-waiting-row-lock
-- about: pg_stat_activity of a session waiting for a row lock: active, wait event Lock/transactionid, and it already has an xid
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
SELECT application_name, state, wait_event_type, wait_event, backend_xid IS NOT NULL AS has_xid, query
FROM pg_stat_activity WHERE application_name IN ('alice', 'bob') ORDER BY application_name;
-- step alice
COMMIT;
