-- name: cc-g2-predicate-rr
-- about: G2 (anti-dependency cycle on a predicate) at REPEATABLE READ: both find no multiple of 3, both insert one, both commit
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t WHERE value % 3 = 0;
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
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
