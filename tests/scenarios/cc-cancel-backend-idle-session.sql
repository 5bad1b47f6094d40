-- name: cc-cancel-backend-idle-session
-- about: pg_cancel_backend of an idle session does nothing visible: it returns true, and the session's transaction goes on
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN;
UPDATE t SET value = 21 WHERE id = 2;
-- step carol
SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'bob';
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
