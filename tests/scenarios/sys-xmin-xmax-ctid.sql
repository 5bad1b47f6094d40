-- name: sys-xmin-xmax-ctid
-- about: each row version shows the xid that created it (xmin), the one that deleted or locked it (xmax) and its place (ctid)
-- setup
CREATE TABLE t (id int PRIMARY KEY, v text);
-- step psql
INSERT INTO t VALUES (1, 'one');
INSERT INTO t VALUES (2, 'two'), (3, 'three');
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
UPDATE t SET v = 'deux' WHERE id = 2;
SELECT xmin, xmax, ctid, * FROM t ORDER BY id;
SELECT ctid, id FROM t WHERE ctid = '(0,4)';
