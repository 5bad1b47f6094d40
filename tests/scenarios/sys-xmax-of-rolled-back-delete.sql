-- name: sys-xmax-of-rolled-back-delete
-- about: a delete or update that rolled back leaves its xid in xmax of the row that stays visible
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
DELETE FROM t WHERE id = 1;
SELECT txid_current();
ROLLBACK;
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
-- step bob
BEGIN;
UPDATE t SET v = 'deux' WHERE id = 2;
-- step alice
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
-- step bob
ROLLBACK;
-- step alice
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
