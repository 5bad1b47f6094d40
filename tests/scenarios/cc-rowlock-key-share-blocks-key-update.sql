-- name: cc-rowlock-key-share-blocks-key-update
-- about: alice holds FOR KEY SHARE: bob's UPDATE of a non-key column goes through at once, his UPDATE of the key waits until she commits
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR KEY SHARE;
-- step bob
UPDATE t SET value = 11 WHERE id = 1;
UPDATE t SET id = 10 WHERE id = 1;
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
