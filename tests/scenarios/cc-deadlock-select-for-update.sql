-- name: cc-deadlock-select-for-update
-- about: a deadlock between two SELECT ... FOR UPDATE: the CONTEXT says 'while locking tuple'
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step bob
BEGIN;
SELECT * FROM t WHERE id = 2 FOR UPDATE;
-- step alice
SELECT * FROM t WHERE id = 2 FOR UPDATE;
-- step bob
SELECT * FROM t WHERE id = 1 FOR UPDATE;
-- step bob
ROLLBACK;
-- step alice
COMMIT;
