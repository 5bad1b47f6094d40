-- name: cc-insert-dup-key-rr-commit
-- about: REPEATABLE READ: an INSERT of a key alice inserted waits; after her COMMIT it fails with 23505 (a unique violation, not 40001)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (3, 30);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO t VALUES (3, 33);
-- step alice
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
