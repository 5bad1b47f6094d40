-- name: cc-insert-key-being-updated-away
-- about: bob's INSERT of key 1 waits for alice's UPDATE that moves row 1 to id 10; after her COMMIT key 1 is free: INSERT 0 1
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
UPDATE t SET id = 10 WHERE id = 1;
-- step bob
INSERT INTO t VALUES (1, 100);
-- step alice
COMMIT;
-- step bob
SELECT * FROM t ORDER BY id;
