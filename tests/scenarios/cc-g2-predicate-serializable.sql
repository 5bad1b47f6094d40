-- name: cc-g2-predicate-serializable
-- about: G2 on a predicate at SERIALIZABLE: the same inserts succeed, alice commits, bob's COMMIT fails with 40001
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE value % 3 = 0;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM t WHERE value % 3 = 0;
-- step alice
INSERT INTO t VALUES (3, 30);
-- step bob
INSERT INTO t VALUES (4, 42);
-- step alice
COMMIT;
-- step bob
COMMIT;
SELECT * FROM t ORDER BY id;
