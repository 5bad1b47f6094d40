-- name: cc-pmp-delete-insert-rr
-- about: PMP at REPEATABLE READ: after bob's committed delete and insert, alice's predicate read still returns the old set
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t WHERE value >= 10 ORDER BY id;
-- step bob
BEGIN;
DELETE FROM t WHERE id = 1;
INSERT INTO t VALUES (3, 30);
COMMIT;
-- step alice
SELECT * FROM t WHERE value >= 10 ORDER BY id;
COMMIT;
SELECT * FROM t WHERE value >= 10 ORDER BY id;
