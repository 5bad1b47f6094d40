-- name: cc-rowlock-rollback-to-savepoint-releases
-- about: a row lock taken after SAVEPOINT belongs to the subtransaction: ROLLBACK TO SAVEPOINT releases it and bob's waiting UPDATE proceeds
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SAVEPOINT s;
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
-- step alice
ROLLBACK TO SAVEPOINT s;
-- step alice
SELECT * FROM t ORDER BY id;
COMMIT;
