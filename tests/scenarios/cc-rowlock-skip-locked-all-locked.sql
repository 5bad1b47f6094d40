-- name: cc-rowlock-skip-locked-all-locked
-- about: SKIP LOCKED when every row is locked returns no rows (SELECT 0) instead of waiting; plain FOR UPDATE would wait
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t ORDER BY id FOR UPDATE;
-- step bob
SELECT * FROM t ORDER BY id FOR UPDATE SKIP LOCKED;
SELECT count(*) FROM t;
-- step alice
COMMIT;
