-- name: cc-g0-dirty-write-serializable
-- about: G0 at SERIALIZABLE: the same wait and the same 40001 'concurrent update' as REPEATABLE READ (a write-write conflict, not an SSI one)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 11 WHERE id = 1;
-- step bob
BEGIN ISOLATION LEVEL SERIALIZABLE;
UPDATE t SET value = 12 WHERE id = 1;
-- step alice
UPDATE t SET value = 21 WHERE id = 2;
COMMIT;
-- step bob
ROLLBACK;
SELECT * FROM t ORDER BY id;
