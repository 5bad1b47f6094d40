-- name: txn-lazy-xid
-- about: a transaction gets its xid at its first write, not at BEGIN; a read-only one never takes one
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
SELECT * FROM t ORDER BY id;
SELECT txid_current_if_assigned();
-- step bob
BEGIN;
UPDATE t SET v = 'deux' WHERE id = 2;
SELECT txid_current_if_assigned();
-- step alice
UPDATE t SET v = 'uno' WHERE id = 1;
SELECT txid_current_if_assigned();
COMMIT;
-- step bob
COMMIT;
SELECT xmin, * FROM t ORDER BY id;
