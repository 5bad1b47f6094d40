-- name: cc-deadlock-victim-in-savepoint
-- about: the deadlock victim was inside a savepoint: ROLLBACK TO SAVEPOINT rescues its transaction, but the survivor keeps waiting for the row locked before the savepoint
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN;
UPDATE t SET value = 22 WHERE id = 2;
SAVEPOINT s;
-- step alice
UPDATE t SET value = 12 WHERE id = 2;
-- step bob
UPDATE t SET value = 21 WHERE id = 1;
-- step bob
ROLLBACK TO SAVEPOINT s;
SELECT * FROM t ORDER BY id;
-- step bob
COMMIT;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
