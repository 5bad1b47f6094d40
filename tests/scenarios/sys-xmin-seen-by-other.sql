-- name: sys-xmin-seen-by-other
-- about: bob sees the old version (with alice's xid already in its xmax) while alice's update is uncommitted
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
-- step alice
BEGIN;
UPDATE t SET v = 'uno' WHERE id = 1;
SELECT txid_current();
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
-- step bob
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
-- step alice
COMMIT;
-- step bob
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
