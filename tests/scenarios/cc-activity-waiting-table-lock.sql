-- name: cc-activity-waiting-table-lock
-- about: pg_stat_activity of a SELECT waiting behind an uncommitted ALTER TABLE: wait event Lock/relation, and no xid
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
ALTER TABLE t ADD COLUMN note text;
-- step bob
SELECT count(*) FROM t;
-- step carol
SELECT application_name, state, wait_event_type, wait_event, backend_xid IS NOT NULL AS has_xid, query
FROM pg_stat_activity WHERE application_name IN ('alice', 'bob') ORDER BY application_name;
-- step alice
ROLLBACK;
