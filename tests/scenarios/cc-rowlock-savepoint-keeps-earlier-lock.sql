-- name: cc-rowlock-savepoint-keeps-earlier-lock
-- about: a row updated before SAVEPOINT stays locked after ROLLBACK TO SAVEPOINT: bob keeps waiting until alice commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
SAVEPOINT s;
UPDATE t SET value = 21 WHERE id = 2;
-- step bob
UPDATE t SET value = value + 100 WHERE id = 1;
-- step alice
ROLLBACK TO SAVEPOINT s;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
