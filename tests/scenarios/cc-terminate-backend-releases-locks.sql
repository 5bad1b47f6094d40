-- name: cc-terminate-backend-releases-locks
-- about: pg_terminate_backend of alice, idle in a transaction that holds a row lock: her transaction is rolled back and bob's waiting UPDATE proceeds on the old row
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
UPDATE t SET value = value + 1 WHERE id = 1 RETURNING *;
-- step carol
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'alice';
-- step bob
SELECT * FROM t ORDER BY id;
-- step carol
SELECT count(*) FROM pg_stat_activity WHERE application_name = 'alice';
