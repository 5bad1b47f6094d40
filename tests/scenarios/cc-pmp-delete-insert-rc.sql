-- name: cc-pmp-delete-insert-rc
-- about: PMP at READ COMMITTED: bob deletes one matching row and inserts another; alice's repeated predicate read sees the new set
-- setup
CREATE TABLE t (id int PRIMARY KEY, value int NOT NULL);
INSERT INTO t VALUES (1, 10), (2, 20);
-- step alice
BEGIN;
SELECT * FROM t WHERE value >= 10 ORDER BY id;
-- step bob
BEGIN;
DELETE FROM t WHERE id = 1;
INSERT INTO t VALUES (3, 30);
COMMIT;
-- step alice
SELECT * FROM t WHERE value >= 10 ORDER BY id;
COMMIT;
