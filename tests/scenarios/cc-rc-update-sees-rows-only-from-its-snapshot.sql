-- name: cc-rc-update-sees-rows-only-from-its-snapshot
-- about: READ COMMITTED: bob's UPDATE of every row waits on row 1; a row alice inserted in the same transaction is not in bob's snapshot and stays untouched
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = 11 WHERE id = 1;
INSERT INTO t VALUES (3, 30);
-- step bob
UPDATE t SET value = value * 10;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
