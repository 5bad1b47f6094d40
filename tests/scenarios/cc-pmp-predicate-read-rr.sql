-- name: cc-pmp-predicate-read-rr
-- about: PMP at REPEATABLE READ: alice's predicate reads all use her first snapshot, so bob's committed insert stays invisible
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t WHERE value = 30;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (3, 30);
COMMIT;
-- step alice
SELECT * FROM t WHERE value % 3 = 0;
COMMIT;
