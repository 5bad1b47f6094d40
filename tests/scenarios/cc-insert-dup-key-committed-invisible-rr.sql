-- name: cc-insert-dup-key-committed-invisible-rr
-- about: REPEATABLE READ: a key committed after bob's snapshot is invisible to his SELECT, yet his INSERT of it fails with 23505 at once
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step bob
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM t ORDER BY id;
-- step alice
INSERT INTO t VALUES (3, 30);
-- step bob
SELECT * FROM t WHERE id = 3;
INSERT INTO t VALUES (3, 33);
ROLLBACK;
