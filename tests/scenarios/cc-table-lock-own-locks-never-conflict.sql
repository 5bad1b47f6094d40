-- name: cc-table-lock-own-locks-never-conflict
-- about: a transaction's own table locks never conflict: alice takes ACCESS EXCLUSIVE and then reads, writes and locks in SHARE mode
-- needs: locks
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
LOCK TABLE t IN ACCESS EXCLUSIVE MODE;
SELECT count(*) FROM t;
UPDATE t SET value = 11 WHERE id = 1;
LOCK TABLE t IN SHARE MODE;
COMMIT;
