-- name: cc-activity-session-states
-- about: pg_stat_activity shows state, wait event, whether an xid is held and the last query for idle, idle in transaction and idle in transaction (aborted) sessions
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
SELECT 1;
-- step bob
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step carol
BEGIN;
SELECT 1 / 0;
-- step dave
SELECT application_name, state, wait_event_type, wait_event, backend_xid IS NOT NULL AS has_xid, query
FROM pg_stat_activity WHERE application_name IN ('alice', 'bob', 'carol', 'dave') ORDER BY application_name;
-- step bob
ROLLBACK;
-- step carol
ROLLBACK;
