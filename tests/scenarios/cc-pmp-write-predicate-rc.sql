-- name: cc-pmp-write-predicate-rc
-- about: PMP with write predicates at READ COMMITTED: bob's DELETE WHERE value = 20 waits, re-checks the one row it had found (now 30) and deletes nothing, although a row now has value 20
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET value = value + 10;
-- step bob
BEGIN;
DELETE FROM t WHERE value = 20;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
COMMIT;
