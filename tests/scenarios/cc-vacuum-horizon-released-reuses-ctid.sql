-- name: cc-vacuum-horizon-released-reuses-ctid
-- about: VACUUM while alice's REPEATABLE READ snapshot is open keeps the deleted version (new insert at (0,4)); after her COMMIT, VACUUM frees (0,2) and the next insert reuses it
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30);
-- step alice
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM t;
-- step bob
DELETE FROM t WHERE id = 2;
VACUUM t;
INSERT INTO t VALUES (4, 40);
SELECT ctid, * FROM t ORDER BY id;
-- step alice
COMMIT;
-- step bob
VACUUM t;
INSERT INTO t VALUES (5, 50);
SELECT ctid, * FROM t ORDER BY id;
