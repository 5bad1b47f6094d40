-- name: cc-rowlock-held-share-matrix
-- about: row-lock conflicts, alice holds FOR SHARE: bob's FOR KEY SHARE and FOR SHARE NOWAIT succeed, FOR NO KEY UPDATE and FOR UPDATE fail (55P03)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR SHARE;
-- step bob
SELECT * FROM t WHERE id = 1 FOR KEY SHARE NOWAIT;
SELECT * FROM t WHERE id = 1 FOR SHARE NOWAIT;
SELECT * FROM t WHERE id = 1 FOR NO KEY UPDATE NOWAIT;
SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT;
-- step alice
COMMIT;
