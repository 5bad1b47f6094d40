-- name: cc-deadlock-victim-aborted
-- about: after a deadlock the victim's transaction is aborted (25P02 until ROLLBACK, COMMIT answers ROLLBACK) while the survivor commits its work
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
-- step alice
UPDATE t SET value = 12 WHERE id = 2;
-- step bob
UPDATE t SET value = 21 WHERE id = 1;
-- step bob
SELECT * FROM t ORDER BY id;
COMMIT;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
