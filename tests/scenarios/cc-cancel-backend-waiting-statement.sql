-- name: cc-cancel-backend-waiting-statement
-- about: pg_cancel_backend of a waiting UPDATE: it fails with 57014 'canceling statement due to user request', which aborts bob's transaction
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 21 WHERE id = 2;
UPDATE t SET value = 12 WHERE id = 1;
-- step carol
SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'bob';
-- step bob
SELECT * FROM t ORDER BY id;
ROLLBACK;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
