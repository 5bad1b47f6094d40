-- name: cc-deadlock-unique-insert
-- about: alice and bob each insert a key, then the other's: the second waiter closes the cycle (deadlock detected, CONTEXT names the index tuple)
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
INSERT INTO t VALUES (3, 30);
-- step bob
BEGIN;
INSERT INTO t VALUES (4, 40);
-- step alice
INSERT INTO t VALUES (4, 41);
-- step bob
INSERT INTO t VALUES (3, 31);
-- step bob
ROLLBACK;
-- step alice
COMMIT;
SELECT * FROM t ORDER BY id;
